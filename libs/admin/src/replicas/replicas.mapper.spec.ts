import { describe, expect, it } from 'vitest';
import { ResourceUrls } from '@gateway/rest';
import { toReplicaDataList } from './replicas.mapper';

const urls = new ResourceUrls('http://gw:8082/v3', '');

describe('toReplicaDataList', () => {
  it('marks the leader and the in-sync replicas, in assignment order', () => {
    const partition = { partitionId: 2, leaderId: 3, replicas: [3, 1, 2], isr: [3, 2] };
    const replicas = toReplicaDataList('c1', 't', partition, urls);
    expect(replicas.map((r) => [r.broker_id, r.is_leader, r.is_in_sync])).toEqual([
      [3, true, true],
      [1, false, false],
      [2, false, true],
    ]);
    expect(replicas[0]).toEqual({
      kind: 'KafkaReplica',
      metadata: {
        self: 'http://gw:8082/v3/clusters/c1/topics/t/partitions/2/replicas/3',
        resource_name: 'crn:///kafka=c1/topic=t/partition=2/replica=3',
      },
      cluster_id: 'c1',
      topic_name: 't',
      partition_id: 2,
      broker_id: 3,
      is_leader: true,
      is_in_sync: true,
      broker: { related: 'http://gw:8082/v3/clusters/c1/brokers/3' },
    });
  });

  it('has no leader when the partition has none', () => {
    const partition = { partitionId: 0, leaderId: null, replicas: [1], isr: [] };
    expect(toReplicaDataList('c1', 't', partition, urls)[0]).toMatchObject({
      is_leader: false,
      is_in_sync: false,
    });
  });
});
