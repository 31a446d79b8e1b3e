import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface ReplicaData extends ResourceEnvelope {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  broker_id: number;
  is_leader: boolean;
  is_in_sync: boolean;
  broker: Relationship;
}

export type ReplicaDataList = ResourceCollection<ReplicaData>;
