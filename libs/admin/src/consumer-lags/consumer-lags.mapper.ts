import { ResourceUrls } from '@gateway/rest';
import { ConsumerGroupLagSummaryData, ConsumerLagData } from './consumer-lags.dto';
import { LagSummary, PartitionLag } from './lag-calculation';

export function lagsPath(clusterId: string, groupId: string): string[] {
  return ['clusters', clusterId, 'consumer-groups', groupId, 'lags'];
}

export function toConsumerLagData(
  clusterId: string,
  groupId: string,
  lag: PartitionLag,
  urls: ResourceUrls,
): ConsumerLagData {
  return {
    ...urls.resource(
      'KafkaConsumerLag',
      [...lagsPath(clusterId, groupId), lag.topic, 'partitions', lag.partition],
      [
        ['kafka', clusterId],
        ['consumer-group', groupId],
        ['lag', lag.topic],
        ['partition', lag.partition],
      ],
    ),
    cluster_id: clusterId,
    consumer_group_id: groupId,
    topic_name: lag.topic,
    partition_id: lag.partition,
    current_offset: lag.currentOffset,
    log_end_offset: lag.logEndOffset,
    lag: lag.lag,
    consumer_id: lag.consumerId,
    instance_id: lag.instanceId,
    client_id: lag.clientId,
  };
}

export function toLagSummaryData(
  clusterId: string,
  groupId: string,
  summary: LagSummary,
  urls: ResourceUrls,
): ConsumerGroupLagSummaryData {
  const group = ['clusters', clusterId, 'consumer-groups', groupId];
  const { max } = summary;
  const envelope = urls.resource('KafkaConsumerGroupLagSummary', [...group, 'lag-summary']);
  // kafka-rest's CrnFactory writes a component without id as a bare type: ".../lag-summary".
  envelope.metadata.resource_name = `${urls.crn(['kafka', clusterId], ['consumer-group', groupId])}/lag-summary`;
  return {
    ...envelope,
    cluster_id: clusterId,
    consumer_group_id: groupId,
    max_lag_consumer_id: max.consumerId,
    max_lag_instance_id: max.instanceId,
    max_lag_client_id: max.clientId,
    max_lag_topic_name: max.topic,
    max_lag_partition_id: max.partition,
    max_lag: summary.maxLag,
    total_lag: summary.totalLag,
    max_lag_consumer: urls.related(...group, 'consumers', max.consumerId),
    max_lag_partition: urls.related(
      'clusters',
      clusterId,
      'topics',
      max.topic,
      'partitions',
      max.partition,
    ),
  };
}
