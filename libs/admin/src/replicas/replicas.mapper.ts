import { PartitionDescription } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ReplicaData } from './replicas.dto';

/** The replica of `partition` hosted by `brokerId`; leadership and ISR come from the metadata. */
export function toReplicaData(
  clusterId: string,
  topic: string,
  partition: PartitionDescription,
  brokerId: number,
  urls: ResourceUrls,
): ReplicaData {
  const id = partition.partitionId;
  return {
    ...urls.resource(
      'KafkaReplica',
      ['clusters', clusterId, 'topics', topic, 'partitions', id, 'replicas', brokerId],
      [
        ['kafka', clusterId],
        ['topic', topic],
        ['partition', id],
        ['replica', brokerId],
      ],
    ),
    cluster_id: clusterId,
    topic_name: topic,
    partition_id: id,
    broker_id: brokerId,
    is_leader: partition.leaderId === brokerId,
    is_in_sync: partition.isr.includes(brokerId),
    broker: urls.related('clusters', clusterId, 'brokers', brokerId),
  };
}

/** Every replica of a partition, in the partition's assignment order. */
export function toReplicaDataList(
  clusterId: string,
  topic: string,
  partition: PartitionDescription,
  urls: ResourceUrls,
): ReplicaData[] {
  return partition.replicas.map((b) => toReplicaData(clusterId, topic, partition, b, urls));
}
