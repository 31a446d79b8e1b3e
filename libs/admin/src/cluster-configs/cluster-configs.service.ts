import { Injectable } from '@nestjs/common';
import { ConfigAdmin, ConfigChange, ConfigEntry, ConfigResource } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { AlterConfigBatchRequest, UpdateConfigRequest } from '../topic-configs/abstract-config.dto';
import { findConfig, toConfigChanges } from '../topic-configs/abstract-config.mapper';
import { ClusterConfigData, ClusterConfigDataList } from './cluster-configs.dto';
import { clusterConfigsPath, toClusterConfigData } from './cluster-configs.mapper';

const BROKER_DEFAULTS: ConfigResource = { type: 'BROKER_DEFAULTS' };

/**
 * Dynamic cluster-wide broker defaults. Kafka lists only the ones that are set, so, as in
 * kafka-rest, writes are "unsafe": they do not require the config to be listed first.
 */
@Injectable()
export class ClusterConfigsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly configs: ConfigAdmin,
  ) {}

  async list(clusterId: string, urls: ResourceUrls): Promise<ClusterConfigDataList> {
    const configs = await this.describe(clusterId);
    return urls.collection(
      'KafkaClusterConfigList',
      clusterConfigsPath(clusterId),
      configs.map((c) => toClusterConfigData(clusterId, c, urls)),
    );
  }

  async get(clusterId: string, name: string, urls: ResourceUrls): Promise<ClusterConfigData> {
    const configs = await this.describe(clusterId);
    return toClusterConfigData(clusterId, findConfig(configs, name), urls);
  }

  update(clusterId: string, name: string, request: UpdateConfigRequest): Promise<void> {
    const change: ConfigChange = { operation: 'SET', name, value: request.value ?? null };
    return this.alterDefaults(clusterId, [change], false);
  }

  delete(clusterId: string, name: string): Promise<void> {
    return this.alterDefaults(clusterId, [{ operation: 'DELETE', name }], false);
  }

  /** kafka-rest ignores `validate_only` here; a dry run that writes would be worse, so we honour it. */
  alter(clusterId: string, request: AlterConfigBatchRequest): Promise<void> {
    const changes = toConfigChanges(request.data);
    return this.alterDefaults(clusterId, changes, request.validate_only ?? false);
  }

  private async alterDefaults(
    clusterId: string,
    changes: ConfigChange[],
    validateOnly: boolean,
  ): Promise<void> {
    await this.clusters.require(clusterId);
    await this.configs.alter(BROKER_DEFAULTS, changes, validateOnly);
  }

  private async describe(clusterId: string): Promise<ConfigEntry[]> {
    await this.clusters.require(clusterId);
    return this.configs.describe(BROKER_DEFAULTS);
  }
}
