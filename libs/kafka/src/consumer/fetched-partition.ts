import { KafkaError } from '../kafka-errors';
import { ConsumedRecord, TopicPartition } from './consumer.types';
import { RawFetchPartition } from './fetch-response';
import { decodeRecordBatches } from './record-batches';

/** What one partition of a fetch answered. */
export interface FetchedPartition extends TopicPartition {
  fetchOffset: number;
  records: ConsumedRecord[];
  /** Where the next fetch of this partition starts (past control batches too). */
  nextOffset: number;
  highWatermark: number;
  logStartOffset: number;
  /** Kafka's error name for this partition, when it failed (e.g. OFFSET_OUT_OF_RANGE). */
  error?: string;
}

// Kafka error codes a fetch answers per partition that we act on (not thrown).
const PARTITION_ERRORS: Record<number, string> = {
  1: 'OFFSET_OUT_OF_RANGE',
  3: 'UNKNOWN_TOPIC_OR_PARTITION',
  5: 'LEADER_NOT_AVAILABLE',
  6: 'NOT_LEADER_OR_FOLLOWER',
  29: 'TOPIC_AUTHORIZATION_FAILED',
  74: 'FENCED_LEADER_EPOCH',
  75: 'UNKNOWN_LEADER_EPOCH',
  100: 'UNKNOWN_TOPIC_ID',
};

/** A partition error no retry can fix: the caller may not read the topic (Kafka's ACLs). */
export function fetchRefusal(partition: FetchedPartition): KafkaError | undefined {
  return partition.error === 'TOPIC_AUTHORIZATION_FAILED'
    ? new KafkaError(
        'AUTHORIZATION_FAILED',
        `Not authorized to access topics: [${partition.topic}]`,
        false,
      )
    : undefined;
}

export function toFetchedPartition(
  topic: string,
  fetchOffset: number,
  raw: RawFetchPartition,
): FetchedPartition {
  const { records, end } =
    raw.errorCode === 0
      ? decodeRecordBatches(
          topic,
          raw.partitionIndex,
          raw.records,
          fetchOffset,
          raw.abortedTransactions,
        )
      : { records: [], end: undefined };
  const fetched: FetchedPartition = {
    topic,
    partition: raw.partitionIndex,
    fetchOffset,
    records,
    nextOffset: Math.max(fetchOffset, end ?? fetchOffset),
    highWatermark: raw.highWatermark,
    logStartOffset: raw.logStartOffset,
  };
  if (raw.errorCode !== 0) {
    fetched.error = PARTITION_ERRORS[raw.errorCode] ?? `KAFKA_ERROR_${raw.errorCode}`;
  }
  return fetched;
}
