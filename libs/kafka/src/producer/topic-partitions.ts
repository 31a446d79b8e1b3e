import { setTimeout as delay } from 'node:timers/promises';
import { toKafkaError, topicNotFound } from '../kafka-errors';
import { ClusterMetadata } from '../admin/cluster-metadata';

interface Entry {
  count: number;
  fetchedAt: number;
}

// A missing topic is asked again soon: tests and users create a topic, then produce at once.
const MISSING_TOPIC_TTL_MS = 200;
// A count too low for the partition asked for is asked again, but not more often than this:
// a client sending to a partition that does not exist must not become a metadata request each.
const LOW_COUNT_TTL_MS = 200;
// How long a topic Kafka is auto-creating is awaited (a single KRaft node takes ~100 ms; the
// Java producer would wait up to max.block.ms, 60 s), asked again after 25, 50, 100, 200… ms.
const AUTO_CREATE_WAIT_MS = 3_000;
const FIRST_RETRY_MS = 25;
const MAX_RETRY_MS = 200;

/**
 * Partition counts per topic, from one Metadata request and cached briefly: an unknown topic is
 * known at once (the Java producer waits `max.block.ms`, 60 s, before saying so). As the Java
 * producer, the request lets a broker with auto.create.topics.enable create a missing topic; its
 * partitions are then awaited briefly.
 */
export class TopicPartitions {
  private readonly counts = new Map<string, Entry>();
  private readonly missing = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<number>>();

  constructor(
    private readonly metadata: ClusterMetadata,
    private readonly maxAgeMs: number,
    private readonly autoCreateWaitMs = AUTO_CREATE_WAIT_MS,
  ) {}

  private fresh(topic: string): Entry | undefined {
    const entry = this.counts.get(topic);
    return entry !== undefined && entry.fetchedAt + this.maxAgeMs > Date.now() ? entry : undefined;
  }

  /** The cached count if it is fresh, without waiting. */
  peek(topic: string): number | undefined {
    return this.fresh(topic)?.count;
  }

  /** The partition count; a cached one below `atLeast` is asked for again (partitions added). */
  count(topic: string, atLeast = 0): Promise<number> {
    const cached = this.fresh(topic);
    if (
      cached !== undefined &&
      (cached.count >= atLeast || cached.fetchedAt + LOW_COUNT_TTL_MS > Date.now())
    ) {
      return Promise.resolve(cached.count);
    }
    if ((this.missing.get(topic) ?? 0) > Date.now()) {
      return Promise.reject(topicNotFound());
    }
    let pending = this.inFlight.get(topic);
    if (pending === undefined) {
      pending = this.fetch(topic).finally(() => this.inFlight.delete(topic));
      this.inFlight.set(topic, pending);
    }
    return pending;
  }

  /** Forget a topic (after Kafka said the partition is unknown: it may have changed). */
  invalidate(topic: string): void {
    this.counts.delete(topic);
  }

  private async fetch(topic: string): Promise<number> {
    const count = await this.lookup(topic).catch((error: unknown) => {
      // Kafka's own "unknown topic" answer is remembered like a topic without partitions.
      if (toKafkaError(error).kind === 'TOPIC_NOT_FOUND') {
        this.rememberMissing(topic);
      }
      throw error;
    });
    if (count === 0) {
      this.rememberMissing(topic);
      throw topicNotFound();
    }
    this.missing.delete(topic);
    this.counts.set(topic, { count, fetchedAt: Date.now() });
    return count;
  }

  private rememberMissing(topic: string): void {
    this.counts.delete(topic);
    this.missing.set(topic, Date.now() + MISSING_TOPIC_TTL_MS);
  }

  /** The partition count (0 when none), asking again while Kafka creates the topic. */
  private async lookup(topic: string): Promise<number> {
    const deadline = Date.now() + this.autoCreateWaitMs;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
      const found = await this.metadata.fetchForProduce(topic);
      if ('partitionCount' in found) {
        return found.partitionCount;
      }
      if (Date.now() + wait > deadline) {
        // Still not created (e.g. the controller refused the broker's default replication
        // factor): not found, without waiting a Java producer's 60 s.
        return 0;
      }
      await delay(wait);
    }
  }
}
