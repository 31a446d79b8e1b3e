import { ConsumerGroupDescription, ConsumerGroupMember, GroupPartition } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ConsumerAssignmentData, ConsumerData, ConsumerGroupData } from './consumer-groups.dto';

export function groupPath(clusterId: string, groupId: string): string[] {
  return ['clusters', clusterId, 'consumer-groups', groupId];
}

export function toConsumerGroupData(
  clusterId: string,
  group: ConsumerGroupDescription,
  urls: ResourceUrls,
): ConsumerGroupData {
  const path = groupPath(clusterId, group.groupId);
  return {
    ...urls.resource('KafkaConsumerGroup', path, [
      ['kafka', clusterId],
      ['consumer-group', group.groupId],
    ]),
    cluster_id: clusterId,
    consumer_group_id: group.groupId,
    is_simple: group.isSimple,
    partition_assignor: group.partitionAssignor,
    state: group.state,
    type: group.type,
    is_mixed_consumer_group: group.isMixedConsumerGroup,
    coordinator: urls.related('clusters', clusterId, 'brokers', group.coordinatorId),
    consumers: urls.related(...path, 'consumers'),
    lag_summary: urls.related(...path, 'lag-summary'),
  };
}

export function toConsumerData(
  clusterId: string,
  groupId: string,
  member: ConsumerGroupMember,
  urls: ResourceUrls,
): ConsumerData {
  const path = [...groupPath(clusterId, groupId), 'consumers', member.consumerId];
  return {
    ...urls.resource('KafkaConsumer', path, [
      ['kafka', clusterId],
      ['consumer-group', groupId],
      ['consumer', member.consumerId],
    ]),
    cluster_id: clusterId,
    consumer_group_id: groupId,
    consumer_id: member.consumerId,
    instance_id: member.instanceId,
    client_id: member.clientId,
    assignments: urls.related(...path, 'assignments'),
  };
}

export function toConsumerAssignmentData(
  clusterId: string,
  groupId: string,
  consumerId: string,
  assignment: GroupPartition,
  urls: ResourceUrls,
): ConsumerAssignmentData {
  const { topic, partition } = assignment;
  const group = groupPath(clusterId, groupId);
  const path = [...group, 'consumers', consumerId, 'assignments', topic, 'partitions', partition];
  return {
    ...urls.resource('KafkaConsumerAssignment', path, [
      ['kafka', clusterId],
      ['consumer-group', groupId],
      ['consumer', consumerId],
      ['assignment', topic],
      ['partition', partition],
    ]),
    cluster_id: clusterId,
    consumer_group_id: groupId,
    consumer_id: consumerId,
    topic_name: topic,
    partition_id: partition,
    partition: urls.related('clusters', clusterId, 'topics', topic, 'partitions', partition),
    lag: urls.related(...group, 'lags', topic, 'partitions', partition),
  };
}
