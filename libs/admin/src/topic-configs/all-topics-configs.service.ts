import { Injectable } from '@nestjs/common';
import { ConfigAdmin, ConfigChange, KafkaError, TopicAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError, toRestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { requireConfigNames, toConfigChanges } from './abstract-config.mapper';
import {
  AlterTopicsConfigsBatchRequest,
  AlterTopicsConfigsBatchResponse,
  TopicConfigDataList,
} from './topic-configs.dto';
import { toTopicConfigData } from './topic-configs.mapper';

/** The `topics/-/configs` wildcard: every topic's configs, and the multi-topic alter. */
@Injectable()
export class AllTopicsConfigsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly topics: TopicAdmin,
    private readonly configs: ConfigAdmin,
  ) {}

  /** Sorted by topic, then by config name. */
  async list(clusterId: string, urls: ResourceUrls): Promise<TopicConfigDataList> {
    await this.clusters.require(clusterId);
    // Default sort: UTF-16 code units, as Java's String.compareTo (not locale order).
    const names = (await this.topics.listTopics()).map((t) => t.name).sort();
    const byTopic = await this.configs.describeTopics(names);
    const data = names.flatMap((topicName) =>
      (byTopic.get(topicName) ?? []).map((c) => toTopicConfigData(clusterId, topicName, c, urls)),
    );
    return urls.collection(
      'KafkaTopicConfigList',
      ['clusters', clusterId, 'topics', '-', 'configs'],
      data,
    );
  }

  /**
   * As kafka-rest: an unknown topic or config name fails the whole request before anything is
   * written; then one request alters every topic, and the topics Kafka refused come back as a
   * 207 body (the others were altered). Undefined means every topic succeeded.
   */
  async alter(
    clusterId: string,
    request: AlterTopicsConfigsBatchRequest,
  ): Promise<AlterTopicsConfigsBatchResponse | undefined> {
    await this.clusters.require(clusterId);
    // A topic named twice: the last entry wins (kafka-rest collects them into a map).
    const batch = new Map<string, ConfigChange[]>(
      request.data.map((t) => [t.topic_name, toConfigChanges(t.configs)]),
    );
    const current = await this.configs.describeTopics([...batch.keys()]);
    for (const [topicName, changes] of batch) {
      const configs = current.get(topicName);
      if (configs === undefined) {
        throw new RestError('UNKNOWN_TOPIC_OR_PARTITION');
      }
      const names = changes.map((c) => c.name);
      requireConfigNames(configs, names, { type: 'TOPIC', name: topicName, clusterId });
    }
    const failures = await this.configs.alterTopics(
      [...batch].map(([topicName, changes]) => ({ topicName, changes })),
      request.validate_only ?? false,
    );
    if (failures.size === 0) {
      return undefined;
    }
    return {
      failures: [...batch.keys()]
        .filter((topicName) => failures.has(topicName))
        .map((topicName) => ({ topic_name: topicName, ...failureBody(failures.get(topicName)) })),
    };
  }
}

/** The code and message kafka-rest's exception mapper gives the topic's Kafka error. */
function failureBody(error: KafkaError | undefined): { error_code: number; message: string } {
  return (toRestError(error) ?? new RestError('KAFKA_ERROR')).toBody();
}
