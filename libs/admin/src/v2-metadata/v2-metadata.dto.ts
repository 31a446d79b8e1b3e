// v2 metadata bodies (confluent-kafka-rest-v2-docs-api.rst): no envelope, no links.

export const KAFKA_V2_JSON = 'application/vnd.kafka.v2+json';

export interface V2Replica {
  broker: number;
  leader: boolean;
  in_sync: boolean;
}

export interface V2Partition {
  partition: number;
  leader: number;
  replicas: V2Replica[];
}

export interface V2Topic {
  name: string;
  configs: Record<string, string>;
  partitions: V2Partition[];
}

export interface V2PartitionOffsets {
  beginning_offset: number;
  end_offset: number;
}
