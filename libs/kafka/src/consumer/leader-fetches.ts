import { toKafkaError } from '../kafka-errors';
import { ConsumerClient } from './consumer-client';
import { PollConsumerOptions, TopicPartition } from './consumer.types';
import { FetchBuffer } from './fetch-buffer';
import { MAX_FETCH_WAIT_MS } from './fetch-connections';
import { fetchRefusal, FetchedPartition } from './fetched-partition';
import { partitionKey } from './partition-key';

// A partition holding fewer records than this is fetched ahead, from where its records end, so
// a poll that empties it finds the next ones there instead of waiting for Kafka.
const FETCH_AHEAD_BELOW = 10_000;
// How long Kafka may hold a fetch ahead with nothing new. Short: it is the leader's one fetch in
// flight, so a poll after a seek would wait behind it before fetching from the new position.
const PREFETCH_MAX_WAIT_MS = 100;

/**
 * The fetches of a KafkaPollConsumer, on the positions and buffer it shares with them: one fetch
 * per leader may be in flight, and its answer is kept only if the position did not move
 * meanwhile. A fetch never rejects; its failure is thrown by `throwError()`.
 */
export class LeaderFetches {
  /** Per leader, its fetch in flight and whether Kafka answers it at once (no wait). */
  private readonly inflight = new Map<number, { done: Promise<void>; atOnce: boolean }>();
  private fetchError: unknown;
  private prefetching: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ConsumerClient,
    private readonly options: PollConsumerOptions,
    private readonly assignment: () => TopicPartition[],
    private readonly positionsByKey: Map<string, number>,
    private readonly buffer: FetchBuffer,
    private readonly outOfRange: Set<string>,
  ) {}

  /** The fetches in flight now. */
  inFlight(): Promise<void>[] {
    return [...this.inflight.values()].map((f) => f.done);
  }

  async settled(): Promise<void> {
    // Fetches start after a leader lookup; each records its own failure and never rejects.
    await this.prefetching;
    await Promise.all(this.inFlight());
  }

  /**
   * One more fetch of every partition from where its held records end, answered at once, after
   * the fetches in flight that are answered at once: what Kafka holds now, not only what a
   * fetch ahead found when it was sent. (A fetch long-polling another leader is not waited for.)
   */
  async catchUp(): Promise<void> {
    await this.prefetching;
    await this.answeredAtOnce();
    await this.start(0);
    await this.answeredAtOnce();
  }

  private answeredAtOnce(): Promise<void[]> {
    return Promise.all([...this.inflight.values()].filter((f) => f.atOnce).map((f) => f.done));
  }

  /**
   * Starts the next fetch of every partition the buffer no longer covers, while the caller
   * handles the records just returned (the Java consumer's fetcher does the same): Kafka reads
   * and sends the next records meanwhile instead of after the next poll. Positions do not move,
   * and an answer for a position that moved in between is dropped (onFetched).
   */
  prefetch(maxWaitMs: number): void {
    const wait = Math.min(maxWaitMs, PREFETCH_MAX_WAIT_MS);
    this.prefetching = this.start(wait).catch((error: unknown) => {
      this.fetchError = error;
    });
  }

  async start(maxWaitMs: number, waitWhileHolding = false): Promise<void> {
    let holding = false;
    const wanted = this.assignment().flatMap((tp) => {
      const position = this.positionsByKey.get(partitionKey(tp));
      const held = position === undefined ? 0 : this.buffer.held(partitionKey(tp), position);
      holding ||= held > 0;
      if (position === undefined || held >= FETCH_AHEAD_BELOW) {
        return [];
      }
      return [{ ...tp, offset: this.buffer.end(partitionKey(tp), position) }];
    });
    if (wanted.length === 0) {
      return;
    }
    const limits = {
      // While records are held, Kafka must not hold the fetch for partitions with nothing new:
      // it is the leader's one fetch in flight, and a partition running dry would wait for it.
      maxWaitMs: holding && !waitWhileHolding ? 0 : Math.min(maxWaitMs, MAX_FETCH_WAIT_MS),
      minBytes: this.options.fetchMinBytes,
      maxBytes: 8 * 1024 * 1024,
    };
    const byLeader = await this.client.groupByLeader(wanted);
    for (const [leader, positions] of byLeader) {
      if (this.inflight.has(leader)) {
        continue;
      }
      const done = this.client
        .fetchFromLeader(leader, positions, limits)
        .then((fetched) => this.onFetched(fetched))
        .catch((error: unknown) => {
          this.fetchError = error;
        })
        .finally(() => this.inflight.delete(leader));
      this.inflight.set(leader, { done, atOnce: limits.maxWaitMs === 0 });
    }
  }

  throwError(): void {
    const error = this.fetchError;
    if (error !== undefined) {
      this.fetchError = undefined;
      throw toKafkaError(error);
    }
  }

  private onFetched(fetched: FetchedPartition[]): void {
    for (const partition of fetched) {
      const k = partitionKey(partition);
      const position = this.positionsByKey.get(k);
      if (position === undefined || this.buffer.end(k, position) !== partition.fetchOffset) {
        continue; // sought or revoked while the fetch was in flight: the answer is stale
      }
      if (partition.error !== undefined && partition.fetchOffset !== position) {
        continue; // a fetch ahead failed: the fetch from the position, once needed, tells
      }
      if (partition.error === 'OFFSET_OUT_OF_RANGE') {
        // Re-initialized by the reset policy (not the committed offset) on the next round.
        this.positionsByKey.delete(k);
        this.outOfRange.add(k);
      } else if (partition.error === undefined) {
        this.buffer.put(k, partition);
      } else {
        // Other errors clear up on a later fetch; a refusal would only repeat: the poll fails.
        this.fetchError = fetchRefusal(partition) ?? this.fetchError;
      }
    }
  }
}
