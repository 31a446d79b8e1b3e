import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface ClusterData extends ResourceEnvelope {
  cluster_id: string;
  controller?: Relationship;
  acls: Relationship;
  brokers: Relationship;
  broker_configs: Relationship;
  consumer_groups: Relationship;
  topics: Relationship;
  partition_reassignments: Relationship;
}

export type ClusterDataList = ResourceCollection<ClusterData>;
