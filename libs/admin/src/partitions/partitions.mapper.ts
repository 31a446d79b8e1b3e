import { PartitionDescription, PartitionOffsets } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { EARLIEST_AND_LATEST, PartitionData, PartitionWithOffsetsData } from './partitions.dto';

function partitionPath(clusterId: string, topic: string, partitionId: number): (string | number)[] {
  return ['clusters', clusterId, 'topics', topic, 'partitions', partitionId];
}

function partitionCrn(
  clusterId: string,
  topic: string,
  partitionId: number,
): [string, string | number][] {
  return [
    ['kafka', clusterId],
    ['topic', topic],
    ['partition', partitionId],
  ];
}

export function toPartitionData(
  clusterId: string,
  topic: string,
  partition: PartitionDescription,
  urls: ResourceUrls,
): PartitionData {
  const path = partitionPath(clusterId, topic, partition.partitionId);
  const data: PartitionData = {
    ...urls.resource('KafkaPartition', path, partitionCrn(clusterId, topic, partition.partitionId)),
    cluster_id: clusterId,
    topic_name: topic,
    partition_id: partition.partitionId,
    replicas: urls.related(...path, 'replicas'),
    reassignment: urls.related(...path, 'reassignment'),
  };
  if (partition.leaderId !== null) {
    data.leader = urls.related(...path, 'replicas', partition.leaderId);
  }
  return data;
}

export function toPartitionWithOffsetsData(
  clusterId: string,
  topic: string,
  partitionId: number,
  offsets: PartitionOffsets,
  urls: ResourceUrls,
): PartitionWithOffsetsData {
  const path = [...partitionPath(clusterId, topic, partitionId), 'offset'];
  return {
    ...urls.resource('KafkaPartitionWithOffsets', path, [
      ...partitionCrn(clusterId, topic, partitionId),
      // kafka-rest's ListPartitionOffsetsAction names the offset type in the CRN.
      ['offset_type', EARLIEST_AND_LATEST],
    ]),
    cluster_id: clusterId,
    topic_name: topic,
    partition_id: partitionId,
    earliest_offset: offsets.earliest,
    latest_offset: offsets.latest,
  };
}
