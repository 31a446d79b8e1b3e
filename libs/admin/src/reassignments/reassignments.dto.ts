import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface ReassignmentData extends ResourceEnvelope {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  adding_replicas: number[];
  removing_replicas: number[];
  replicas: Relationship;
}

export type ReassignmentDataList = ResourceCollection<ReassignmentData>;

/** The wildcard kafka-rest uses in `topics/-/partitions/-/reassignment`. */
export const ALL = '-';
