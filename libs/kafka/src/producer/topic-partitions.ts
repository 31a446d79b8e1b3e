import { KafkaError } from '../kafka-errors';
import { ClusterMetadata } from '../admin/cluster-metadata';

interface Entry {
  count: number;
  expiresAt: number;
}

const TOPIC_NOT_FOUND_MESSAGE = 'This server does not host this topic-partition.';
// A missing topic is asked again soon: tests and users create a topic, then produce at once.
const MISSING_TOPIC_TTL_MS = 200;

/**
 * Partition counts per topic, from one Metadata request and cached briefly: an unknown topic is
 * known at once (the Java producer waits `max.block.ms`, 60 s, before saying so).
 */
export class TopicPartitions {
  private readonly counts = new Map<string, Entry>();
  private readonly missing = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<number>>();

  constructor(
    private readonly metadata: ClusterMetadata,
    private readonly maxAgeMs: number,
  ) {}

  /** The cached count if it is fresh, without waiting. */
  peek(topic: string): number | undefined {
    const entry = this.counts.get(topic);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry.count : undefined;
  }

  count(topic: string): Promise<number> {
    const cached = this.peek(topic);
    if (cached !== undefined) {
      return Promise.resolve(cached);
    }
    if ((this.missing.get(topic) ?? 0) > Date.now()) {
      return Promise.reject(new KafkaError('TOPIC_NOT_FOUND', TOPIC_NOT_FOUND_MESSAGE, false));
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
    const response = await this.metadata.fetch([topic]);
    const found = response.topics.find((t) => t.name === topic);
    if (found === undefined || found.errorCode !== 0 || found.partitions.length === 0) {
      this.counts.delete(topic);
      this.missing.set(topic, Date.now() + MISSING_TOPIC_TTL_MS);
      throw new KafkaError('TOPIC_NOT_FOUND', TOPIC_NOT_FOUND_MESSAGE, false);
    }
    this.missing.delete(topic);
    const count = found.partitions.length;
    this.counts.set(topic, { count, expiresAt: Date.now() + this.maxAgeMs });
    return count;
  }
}
