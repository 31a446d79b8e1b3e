import { Injectable } from '@nestjs/common';
import { ConfigAdmin, ConfigChange, ConfigEntry } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { AlterConfigBatchRequest, UpdateConfigRequest } from '../topic-configs/abstract-config.dto';
import {
  findConfig,
  requireConfigNames,
  toConfigChanges,
} from '../topic-configs/abstract-config.mapper';
import { BrokerConfigData, BrokerConfigDataList } from './broker-configs.dto';
import { brokerConfigsPath, toBrokerConfigData } from './broker-configs.mapper';

/** Per-broker configs. An unknown broker id is a plain 404, as for the broker itself. */
@Injectable()
export class BrokerConfigsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly configs: ConfigAdmin,
  ) {}

  async list(
    clusterId: string,
    brokerId: number,
    urls: ResourceUrls,
  ): Promise<BrokerConfigDataList> {
    const configs = await this.describe(clusterId, brokerId);
    return urls.collection(
      'KafkaBrokerConfigList',
      brokerConfigsPath(clusterId, brokerId),
      configs.map((c) => toBrokerConfigData(clusterId, brokerId, c, urls)),
    );
  }

  /** Every broker's configs: by broker id, then by name. */
  async listAll(clusterId: string, urls: ResourceUrls): Promise<BrokerConfigDataList> {
    const cluster = await this.clusters.require(clusterId);
    const brokerIds = cluster.brokers.map((b) => b.brokerId).sort((a, b) => a - b);
    const perBroker = await Promise.all(
      brokerIds.map((brokerId) => this.configs.describe({ type: 'BROKER', brokerId })),
    );
    const data = brokerIds.flatMap((brokerId, i) =>
      perBroker[i].map((c) => toBrokerConfigData(clusterId, brokerId, c, urls)),
    );
    return urls.collection('KafkaBrokerConfigList', brokerConfigsPath(clusterId, '-'), data);
  }

  async get(
    clusterId: string,
    brokerId: number,
    name: string,
    urls: ResourceUrls,
  ): Promise<BrokerConfigData> {
    const configs = await this.describe(clusterId, brokerId);
    return toBrokerConfigData(clusterId, brokerId, findConfig(configs, name), urls);
  }

  update(
    clusterId: string,
    brokerId: number,
    name: string,
    request: UpdateConfigRequest,
  ): Promise<void> {
    const change: ConfigChange = { operation: 'SET', name, value: request.value ?? null };
    return this.safeAlter(clusterId, brokerId, [change], false);
  }

  reset(clusterId: string, brokerId: number, name: string): Promise<void> {
    return this.safeAlter(clusterId, brokerId, [{ operation: 'DELETE', name }], false);
  }

  /** kafka-rest ignores `validate_only` here; a dry run that writes would be worse, so we honour it. */
  alter(clusterId: string, brokerId: number, request: AlterConfigBatchRequest): Promise<void> {
    const changes = toConfigChanges(request.data);
    return this.safeAlter(clusterId, brokerId, changes, request.validate_only ?? false);
  }

  private async safeAlter(
    clusterId: string,
    brokerId: number,
    changes: ConfigChange[],
    validateOnly: boolean,
  ): Promise<void> {
    const configs = await this.describe(clusterId, brokerId);
    requireConfigNames(
      configs,
      changes.map((c) => c.name),
      { type: 'BROKER', name: brokerId, clusterId },
    );
    await this.configs.alter({ type: 'BROKER', brokerId }, changes, validateOnly);
  }

  private async describe(clusterId: string, brokerId: number): Promise<ConfigEntry[]> {
    const cluster = await this.clusters.require(clusterId);
    if (!cluster.brokers.some((b) => b.brokerId === brokerId)) {
      throw RestError.notFound();
    }
    return this.configs.describe({ type: 'BROKER', brokerId });
  }
}
