import { PartitionReassignment } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ReassignmentData } from './reassignments.dto';

export function toReassignmentData(
  clusterId: string,
  reassignment: PartitionReassignment,
  urls: ResourceUrls,
): ReassignmentData {
  const { topicName, partitionId } = reassignment;
  const partitionPath = ['clusters', clusterId, 'topics', topicName, 'partitions', partitionId];
  const crn = urls.crn(['kafka', clusterId], ['topic', topicName], ['partition', partitionId]);
  return {
    kind: 'KafkaReassignment',
    // kafka-rest's CrnFactory writes a trailing type without an id: `.../partition=1/reassignment`.
    metadata: {
      self: urls.url(...partitionPath, 'reassignment'),
      resource_name: `${crn}/reassignment`,
    },
    cluster_id: clusterId,
    topic_name: topicName,
    partition_id: partitionId,
    adding_replicas: reassignment.addingReplicas,
    removing_replicas: reassignment.removingReplicas,
    replicas: urls.related(...partitionPath, 'replicas'),
  };
}
