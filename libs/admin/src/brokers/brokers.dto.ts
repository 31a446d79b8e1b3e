import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface BrokerData extends ResourceEnvelope {
  cluster_id: string;
  broker_id: number;
  host: string;
  port: number;
  /** Null when the broker has none (kafka-rest writes its empty Optional as null). */
  rack: string | null;
  configs: Relationship;
  partition_replicas: Relationship;
}

export type BrokerDataList = ResourceCollection<BrokerData>;
