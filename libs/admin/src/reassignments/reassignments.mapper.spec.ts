import { describe, expect, it } from 'vitest';
import { ResourceUrls } from '@gateway/rest';
import { toReassignmentData } from './reassignments.mapper';

describe('toReassignmentData', () => {
  it('links to the partition reassignment and its replicas, with a type-only CRN tail', () => {
    const urls = new ResourceUrls('http://gw:8082/v3', 'example.com');
    const data = toReassignmentData(
      'c1',
      {
        topicName: 'orders',
        partitionId: 1,
        replicas: [1, 2, 3],
        addingReplicas: [1, 2],
        removingReplicas: [3],
      },
      urls,
    );
    expect(data).toEqual({
      kind: 'KafkaReassignment',
      metadata: {
        self: 'http://gw:8082/v3/clusters/c1/topics/orders/partitions/1/reassignment',
        resource_name: 'crn://example.com/kafka=c1/topic=orders/partition=1/reassignment',
      },
      cluster_id: 'c1',
      topic_name: 'orders',
      partition_id: 1,
      adding_replicas: [1, 2],
      removing_replicas: [3],
      replicas: { related: 'http://gw:8082/v3/clusters/c1/topics/orders/partitions/1/replicas' },
    });
  });
});
