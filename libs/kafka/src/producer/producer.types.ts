// Domain types of the produce path. camelCase, independent of any Kafka client library.

/** One record header; duplicates and order are kept, and a null value is a real Kafka null. */
export interface OutgoingHeader {
  name: string;
  value: Buffer | null;
}

/** A record ready for Kafka: serialized key and value, in our own words. */
export interface OutgoingRecord {
  topic: string;
  /** Absent: chosen by the Java-compatible partitioner (murmur2 of the key, sticky for null keys). */
  partitionId?: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: OutgoingHeader[];
  /** CreateTime in epoch milliseconds. */
  timestamp: number;
}

/** Where Kafka stored one record. */
export interface RecordDelivery {
  topic: string;
  partitionId: number;
  offset: number;
  /** CreateTime of the record as Kafka stored it. */
  timestamp: number;
}

/** Tuning of the shared producer; defaults follow the Java producer where one exists. */
export interface RecordProducerOptions {
  /** `enable.idempotence`: true by default (Confluent forces false; we keep exactly-once per partition). */
  idempotent: boolean;
  /** `acks`: -1 (all), 1 or 0; an idempotent producer needs -1. */
  acks: -1 | 0 | 1;
  /** `max.request.size`: a bigger record is refused before it reaches Kafka (RecordTooLarge). */
  maxRequestSize: number;
  /** `linger.ms`: how long a partition's queue waits for more records before it is sent. */
  lingerMs: number;
  /** Retries of one produce request on retriable errors before the records fail. */
  retries: number;
  retryDelayMs: number;
  /** How long partition counts are cached (`metadata.max.age.ms`, kept short here). */
  metadataMaxAgeMs: number;
}

export const DEFAULT_PRODUCER_OPTIONS: RecordProducerOptions = {
  idempotent: true,
  acks: -1,
  maxRequestSize: 1_048_576,
  lingerMs: 0,
  retries: 5,
  retryDelayMs: 200,
  metadataMaxAgeMs: 5_000,
};
