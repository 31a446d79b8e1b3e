// Domain types of the consume side of libs/kafka. camelCase, independent of any client library.

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  offset: number;
}

export interface RecordHeader {
  name: string;
  value: Buffer | null;
}

/** One record as Kafka stored it; key and value stay bytes, decoding is the caller's business. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  timestampType: 'CREATE_TIME' | 'LOG_APPEND_TIME';
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/**
 * Where a poll starts when a partition has no committed offset (Kafka's auto.offset.reset):
 * `durationMs` is Kafka 4's by_duration, the first offset at or after now minus it.
 */
export type OffsetResetPolicy = 'earliest' | 'latest' | 'none' | { durationMs: number };

export interface CommittedOffset extends TopicPartitionOffset {
  metadata: string | null;
}

export interface CommitRequest extends TopicPartitionOffset {
  metadata?: string;
}

export interface PollOptions {
  /** Longest wait for the first record, in ms. */
  timeoutMs: number;
  /** Upper bound on the key + value bytes returned; at least one record is always returned. */
  maxBytes: number;
  maxRecords?: number;
  /**
   * A minimum response size kept by the consumer, not by Kafka (kafka-rest's v2 `fetch.min.bytes`):
   * the poll waits until the records it would return hold more than this many key + value bytes,
   * or `maxBytes` keeps them from growing, or the timeout ends; then it returns what it holds.
   * Without it, a poll returns as soon as any record is there.
   */
  minBytes?: number;
  /**
   * Returns all that Kafka held when the poll began (up to `maxBytes`), not only what a fetch
   * ahead found: one more fetch before records are returned (a round trip; Kafka answers it at
   * once). kafka-rest's v2 read, which polls until its timeout, never returns less.
   */
  upToDate?: boolean;
  /**
   * Ends the wait at once: the poll returns no records and moves no position (its client went
   * away, or the consumer is being closed), so what it would have returned is read next time.
   */
  signal?: AbortSignal;
}

export interface PollConsumerOptions {
  groupId: string;
  /** Kafka client id of this consumer (also its `consumer.id`). */
  clientId: string;
  autoOffsetReset: OffsetResetPolicy;
  autoCommit: boolean;
  /** The broker holds a fetch until this many bytes are ready (or the poll timeout ends). */
  fetchMinBytes: number;
}

/** One read of a partition without any group: the records and where to continue. */
export interface PartitionRead {
  records: ConsumedRecord[];
  nextOffset: number;
  earliestOffset: number;
  /** The high watermark: the offset the next produced record will get. */
  latestOffset: number;
}

export type PartitionReadStart = { offset: number } | { timestamp: number };

export interface PartitionReadOptions extends PollOptions {
  topic: string;
  partition: number;
  start: PartitionReadStart;
}

/** Offsets of every partition of a topic (by partition id). */
export type PartitionPositions = Map<number, number>;
