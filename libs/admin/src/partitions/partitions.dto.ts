import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface PartitionData extends ResourceEnvelope {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  leader?: Relationship;
  replicas: Relationship;
  reassignment: Relationship;
}

export type PartitionDataList = ResourceCollection<PartitionData>;

export interface PartitionWithOffsetsData extends ResourceEnvelope {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  earliest_offset: number;
  latest_offset: number;
}

/** The only `offset_type` kafka-rest accepts (and its default). */
export const EARLIEST_AND_LATEST = 'earliest_and_latest';
