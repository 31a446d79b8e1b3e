import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface BrokerData extends ResourceEnvelope {
  cluster_id: string;
  broker_id: number;
  host: string;
  port: number;
  rack?: string;
  configs: Relationship;
  partition_replicas: Relationship;
}

export type BrokerDataList = ResourceCollection<BrokerData>;
