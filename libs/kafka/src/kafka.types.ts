// Domain types returned by libs/kafka. camelCase, independent of any Kafka client library.

export interface BrokerDescription {
  brokerId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number | null;
  brokers: BrokerDescription[];
}

export interface PartitionDescription {
  partitionId: number;
  leaderId: number | null;
  replicas: number[];
  isr: number[];
}

export interface TopicDescription {
  name: string;
  isInternal: boolean;
  partitions: PartitionDescription[];
  /** Present only when asked for; names from Kafka's AclOperation enum. */
  authorizedOperations?: string[];
}

export interface TopicConfigEntry {
  name: string;
  value: string | null;
}

export interface NewTopic {
  name: string;
  partitionsCount?: number;
  replicationFactor?: number;
  /** partition id -> broker ids; when given, it decides partitions and replication factor. */
  replicasAssignments?: Record<number, number[]>;
  configs?: TopicConfigEntry[];
  validateOnly?: boolean;
}

export interface CreatedTopic {
  name: string;
  partitionsCount: number;
  replicationFactor: number;
}

export interface PartitionOffsets {
  earliest: number;
  latest: number;
}
