import { Injectable } from '@nestjs/common';
import { ConfigAdmin, ConfigChange, ConfigResource } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { AlterConfigBatchRequest, UpdateConfigRequest } from './abstract-config.dto';
import { findConfig, requireConfigNames, toConfigChanges } from './abstract-config.mapper';
import { TopicConfigData, TopicConfigDataList } from './topic-configs.dto';
import { toTopicConfigData, topicConfigsPath } from './topic-configs.mapper';

/** One topic's configs. An unknown topic is 404/40403, as Kafka reports it. */
@Injectable()
export class TopicConfigsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly configs: ConfigAdmin,
  ) {}

  async list(
    clusterId: string,
    topicName: string,
    urls: ResourceUrls,
  ): Promise<TopicConfigDataList> {
    await this.clusters.require(clusterId);
    const configs = await this.configs.describe(topicResource(topicName));
    return urls.collection(
      'KafkaTopicConfigList',
      topicConfigsPath(clusterId, topicName),
      configs.map((c) => toTopicConfigData(clusterId, topicName, c, urls)),
    );
  }

  async get(
    clusterId: string,
    topicName: string,
    name: string,
    urls: ResourceUrls,
  ): Promise<TopicConfigData> {
    await this.clusters.require(clusterId);
    const configs = await this.configs.describe(topicResource(topicName));
    return toTopicConfigData(clusterId, topicName, findConfig(configs, name), urls);
  }

  update(
    clusterId: string,
    topicName: string,
    name: string,
    request: UpdateConfigRequest,
  ): Promise<void> {
    const change: ConfigChange = { operation: 'SET', name, value: request.value ?? null };
    return this.safeAlter(clusterId, topicName, [change], false);
  }

  reset(clusterId: string, topicName: string, name: string): Promise<void> {
    return this.safeAlter(clusterId, topicName, [{ operation: 'DELETE', name }], false);
  }

  alter(clusterId: string, topicName: string, request: AlterConfigBatchRequest): Promise<void> {
    const changes = toConfigChanges(request.data);
    return this.safeAlter(clusterId, topicName, changes, request.validate_only ?? false);
  }

  private async safeAlter(
    clusterId: string,
    topicName: string,
    changes: ConfigChange[],
    validateOnly: boolean,
  ): Promise<void> {
    await this.clusters.require(clusterId);
    const resource = topicResource(topicName);
    const configs = await this.configs.describe(resource);
    requireConfigNames(
      configs,
      changes.map((c) => c.name),
      { type: 'TOPIC', name: topicName, clusterId },
    );
    await this.configs.alter(resource, changes, validateOnly);
  }
}

export function topicResource(topicName: string): ConfigResource {
  return { type: 'TOPIC', topicName };
}
