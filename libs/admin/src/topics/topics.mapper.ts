import { TopicDescription } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { TopicData } from './topics.dto';

export interface TopicCounts {
  partitionsCount: number;
  replicationFactor: number;
}

/** Counts as kafka-rest derives them: replication factor is partition 0's replica count. */
export function topicCounts(topic: TopicDescription): TopicCounts {
  return {
    partitionsCount: topic.partitions.length,
    replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
  };
}

export function toTopicData(
  clusterId: string,
  name: string,
  isInternal: boolean,
  counts: TopicCounts,
  urls: ResourceUrls,
  authorizedOperations?: string[],
): TopicData {
  const topicPath = ['clusters', clusterId, 'topics', name];
  const data: TopicData = {
    ...urls.resource('KafkaTopic', topicPath, [
      ['kafka', clusterId],
      ['topic', name],
    ]),
    cluster_id: clusterId,
    topic_name: name,
    is_internal: isInternal,
    replication_factor: counts.replicationFactor,
    partitions_count: counts.partitionsCount,
    // Always present, empty unless asked for (kafka-rest's TopicData turns null into []).
    authorized_operations: authorizedOperations ?? [],
    partitions: urls.related(...topicPath, 'partitions'),
    configs: urls.related(...topicPath, 'configs'),
    partition_reassignments: urls.related(...topicPath, 'partitions', '-', 'reassignment'),
  };
  return data;
}

export function describedTopicData(
  clusterId: string,
  topic: TopicDescription,
  urls: ResourceUrls,
): TopicData {
  return toTopicData(
    clusterId,
    topic.name,
    topic.isInternal,
    topicCounts(topic),
    urls,
    topic.authorizedOperations,
  );
}
