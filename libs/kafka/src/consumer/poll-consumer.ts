import {
  CommitRequest,
  CommittedOffset,
  ConsumedRecord,
  PollOptions,
  TopicPartition,
  TopicPartitionOffset,
} from './consumer.types';

/** What a consumer reads: a group subscription, a manual assignment, or nothing yet. */
export type ConsumerSubscription =
  | { kind: 'none' }
  | { kind: 'topics'; topics: string[] }
  | { kind: 'pattern'; pattern: string; topics: string[] }
  | { kind: 'assigned'; partitions: TopicPartition[] };

/**
 * A pull consumer in the Java client's model: subscribe or assign, seek, then `poll()`.
 * Each poll returns records in offset order per partition starting exactly at the current
 * position and advances the position past them, so nothing is skipped or repeated between
 * polls; records fetched but not returned stay for the next poll.
 */
export abstract class PollConsumer {
  abstract readonly groupId: string;
  abstract subscribe(topics: string[]): Promise<void>;
  abstract subscribePattern(pattern: string): Promise<void>;
  abstract unsubscribe(): Promise<void>;
  abstract subscription(): ConsumerSubscription;
  abstract assign(partitions: TopicPartition[]): Promise<void>;
  /** Partitions owned now (assigned manually or by the group). */
  abstract assignment(): TopicPartition[];
  abstract seek(offsets: TopicPartitionOffset[]): Promise<void>;
  abstract seekToBeginning(partitions: TopicPartition[]): Promise<void>;
  abstract seekToEnd(partitions: TopicPartition[]): Promise<void>;
  /** Seeks each partition to its first record at or after the timestamp (ms), else its end. */
  abstract seekToTimestamp(partitions: (TopicPartition & { timestamp: number })[]): Promise<void>;
  abstract poll(options: PollOptions): Promise<ConsumedRecord[]>;
  /**
   * The records the next poll with these limits would return from what is already fetched,
   * without moving any position (empty when that poll would have to fetch first).
   */
  abstract peek(options: Omit<PollOptions, 'timeoutMs'>): ConsumedRecord[];
  /** Resolves once the fetches in flight now (a poll's prefetch) have landed. */
  abstract fetched(): Promise<void>;
  /** Drops the records fetched ahead of the positions (which stay); the next poll refetches. */
  abstract releaseFetched(): void;
  /** The next offset to read of every owned partition that has one. */
  abstract positions(): TopicPartitionOffset[];
  /** Commits the given offsets, or the positions of every owned partition when omitted. */
  abstract commit(offsets?: CommitRequest[]): Promise<CommitRequest[]>;
  abstract committed(partitions: TopicPartition[]): Promise<CommittedOffset[]>;
  /** Leaves the group (if any), commits when auto-commit is on, and frees the connections. */
  abstract close(): Promise<void>;
}
