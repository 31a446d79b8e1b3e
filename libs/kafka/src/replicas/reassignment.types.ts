/** A partition whose replica set is being changed (KIP-455). */
export interface PartitionReassignment {
  topicName: string;
  partitionId: number;
  /** The target replica set plus the replicas still being removed. */
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}
