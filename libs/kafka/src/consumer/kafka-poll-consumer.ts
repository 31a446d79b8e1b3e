import { toKafkaError } from '../kafka-errors';
import { ConsumerClient } from './consumer-client';
import { ConsumerStateError, NoOffsetError } from './consumer-state.error';
import {
  CommitRequest,
  CommittedOffset,
  ConsumedRecord,
  PollConsumerOptions,
  PollOptions,
  TopicPartition,
  TopicPartitionOffset,
} from './consumer.types';
import { FetchBuffer } from './fetch-buffer';
import { MAX_FETCH_WAIT_MS } from './fetch-connections';
import { fetchRefusal, FetchedPartition } from './fetched-partition';
import { GroupMembership, MembershipTimings } from './group-membership';
import { ConsumerSubscription, PollConsumer } from './poll-consumer';

const AUTO_COMMIT_INTERVAL_MS = 5_000;
// A partition holding fewer records than this is fetched ahead, from where its records end, so
// a poll that empties it finds the next ones there instead of waiting for Kafka.
const FETCH_AHEAD_BELOW = 10_000;
const MUTUALLY_EXCLUSIVE = 'Subscription to topics, partitions and pattern are mutually exclusive';

// Java's defaults, except a shorter rebalance timeout (max.poll.interval.ms): a REST client
// that stops polling holds a rebalance up for at most this long.
const DEFAULT_TIMINGS: MembershipTimings = {
  sessionTimeoutMs: 45_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3_000,
};

const key = (tp: TopicPartition): string => `${tp.topic}\u0000${tp.partition}`;

/**
 * PollConsumer on raw fetches: positions live here, one fetch per leader may be in flight
 * (its answer is kept only if the position did not move meanwhile), and group membership is
 * delegated to GroupMembership.
 */
export class KafkaPollConsumer extends PollConsumer {
  private mode: ConsumerSubscription = { kind: 'none' };
  private readonly positionsByKey = new Map<string, number>();
  private readonly buffer = new FetchBuffer();
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly outOfRange = new Set<string>();
  private readonly membership: GroupMembership;
  private lastAutoCommit = Date.now();
  private fetchError: unknown;
  private prefetching: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly client: ConsumerClient,
    private readonly options: PollConsumerOptions,
    private readonly listTopics: () => Promise<string[]>,
    timings: MembershipTimings = DEFAULT_TIMINGS,
  ) {
    super();
    this.membership = new GroupMembership(client.coordinator, timings, (topics) =>
      client.partitionCounts(topics),
    );
  }

  get groupId(): string {
    return this.options.groupId;
  }

  subscribe(topics: string[]): Promise<void> {
    this.requireNotAssigned();
    this.mode = { kind: 'topics', topics: [...new Set(topics)] };
    // Like the Java client, the group is (re)joined at the next poll, not here.
    this.membership.subscribe(this.mode.topics);
    return Promise.resolve();
  }

  subscribePattern(pattern: string): Promise<void> {
    this.requireNotAssigned();
    this.mode = { kind: 'pattern', pattern, topics: [] };
    this.membership.subscribe([]);
    return Promise.resolve();
  }

  async unsubscribe(): Promise<void> {
    if (this.mode.kind === 'topics' || this.mode.kind === 'pattern') {
      await this.autoCommitNow();
    }
    this.mode = { kind: 'none' };
    this.resetAll();
    await this.membership.leave();
  }

  subscription(): ConsumerSubscription {
    return this.mode;
  }

  async assign(partitions: TopicPartition[]): Promise<void> {
    if (this.mode.kind === 'topics' || this.mode.kind === 'pattern') {
      throw new ConsumerStateError(MUTUALLY_EXCLUSIVE);
    }
    await Promise.resolve();
    const kept = new Set(partitions.map(key));
    for (const k of [...this.positionsByKey.keys()]) {
      if (!kept.has(k)) {
        this.positionsByKey.delete(k);
      }
    }
    this.buffer.retain(kept);
    this.mode = { kind: 'assigned', partitions: dedupe(partitions) };
  }

  assignment(): TopicPartition[] {
    switch (this.mode.kind) {
      case 'assigned':
        return this.mode.partitions;
      case 'topics':
      case 'pattern':
        return this.membership.partitions;
      case 'none':
        return [];
    }
  }

  async seek(offsets: TopicPartitionOffset[]): Promise<void> {
    await Promise.resolve();
    offsets.forEach((o) => this.requireOwned(o));
    for (const o of offsets) {
      this.positionsByKey.set(key(o), o.offset);
      this.buffer.drop(key(o));
    }
  }

  async seekToBeginning(partitions: TopicPartition[]): Promise<void> {
    partitions.forEach((p) => this.requireOwned(p));
    await this.seek(await this.client.listOffsets(partitions, 'earliest'));
  }

  async seekToEnd(partitions: TopicPartition[]): Promise<void> {
    partitions.forEach((p) => this.requireOwned(p));
    await this.seek(await this.client.listOffsets(partitions, 'latest'));
  }

  async seekToTimestamp(partitions: (TopicPartition & { timestamp: number })[]): Promise<void> {
    partitions.forEach((p) => this.requireOwned(p));
    for (const p of partitions) {
      await this.seek(await this.client.listOffsets([p], { timestamp: p.timestamp }));
    }
  }

  async poll(options: PollOptions): Promise<ConsumedRecord[]> {
    const deadline = Date.now() + options.timeoutMs;
    await this.autoCommitIfDue();
    // Group requests fail with the client's own errors (GroupMembership needs their protocol
    // names to rejoin); translate them here, or an unreachable Kafka becomes a 500.
    await this.ensureMembership().catch((error: unknown) => {
      throw toKafkaError(error);
    });
    await this.initializePositions();
    for (;;) {
      this.throwFetchError();
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.enoughHeld(options)) {
        const records = this.buffer.take(this.positionsByKey, options.maxBytes, options.maxRecords);
        if (records.length > 0) {
          this.prefetch(options.timeoutMs);
          return records;
        }
      }
      // Short of minBytes, Kafka may hold the fetch until more records come, though some are held.
      await this.startFetches(Math.max(remaining, 0), options.minBytes !== undefined);
      if (remaining <= 0) {
        return [];
      }
      // With nothing in flight (no partition owned yet), look again soon: a group may assign.
      const wait = this.inflight.size > 0 ? remaining : Math.min(remaining, 100);
      await Promise.race([...this.inflight.values(), sleep(wait)]);
      await this.initializePositions();
    }
  }

  peek(options: Omit<PollOptions, 'timeoutMs'>): ConsumedRecord[] {
    return this.buffer.peek(this.positionsByKey, options.maxBytes, options.maxRecords);
  }

  async fetched(): Promise<void> {
    // Fetches start after a leader lookup; each records its own failure and never rejects.
    await this.prefetching;
    await Promise.all(this.inflight.values());
  }

  positions(): TopicPartitionOffset[] {
    return this.assignment().flatMap((tp) => {
      const offset = this.positionsByKey.get(key(tp));
      return offset === undefined ? [] : [{ ...tp, offset }];
    });
  }

  async commit(offsets?: CommitRequest[]): Promise<CommitRequest[]> {
    const toCommit = offsets ?? this.positions();
    const m = this.membership;
    await this.client.commit(toCommit, m.isMember ? m : undefined);
    return toCommit;
  }

  committed(partitions: TopicPartition[]): Promise<CommittedOffset[]> {
    return this.client.committed(partitions);
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      await this.autoCommitNow();
      await this.membership.leave();
    } finally {
      await this.client.close();
    }
  }

  /**
   * Starts the next fetch of every partition the buffer no longer covers, while the caller
   * handles the records just returned (the Java consumer's fetcher does the same): Kafka reads
   * and sends the next records meanwhile instead of after the next poll. Positions do not move,
   * and an answer for a position that moved in between is dropped (onFetched).
   */
  private prefetch(maxWaitMs: number): void {
    if (this.closed) {
      return;
    }
    this.prefetching = this.startFetches(maxWaitMs).catch((error: unknown) => {
      this.fetchError = error;
    });
  }

  /** The records held meet the poll's minBytes (or it has none). */
  private enoughHeld(options: PollOptions): boolean {
    if (options.minBytes === undefined) {
      return true;
    }
    const { bytes, limited } = this.buffer.measure(
      this.positionsByKey,
      options.maxBytes,
      options.maxRecords,
    );
    return bytes > options.minBytes || limited;
  }

  private async startFetches(maxWaitMs: number, waitWhileHolding = false): Promise<void> {
    let holding = false;
    const wanted = this.assignment().flatMap((tp) => {
      const position = this.positionsByKey.get(key(tp));
      const held = position === undefined ? 0 : this.buffer.held(key(tp), position);
      holding ||= held > 0;
      if (position === undefined || held >= FETCH_AHEAD_BELOW) {
        return [];
      }
      return [{ ...tp, offset: this.buffer.end(key(tp), position) }];
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
      const request = this.client
        .fetchFromLeader(leader, positions, limits)
        .then((fetched) => this.onFetched(fetched))
        .catch((error: unknown) => {
          this.fetchError = error;
        })
        .finally(() => this.inflight.delete(leader));
      this.inflight.set(leader, request);
    }
  }

  private onFetched(fetched: FetchedPartition[]): void {
    for (const partition of fetched) {
      const k = key(partition);
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

  private throwFetchError(): void {
    const error = this.fetchError;
    if (error !== undefined) {
      this.fetchError = undefined;
      throw toKafkaError(error);
    }
  }

  /** Positions of owned partitions: the committed offset, else the reset policy. */
  private async initializePositions(): Promise<void> {
    const missing = this.assignment().filter((tp) => !this.positionsByKey.has(key(tp)));
    if (missing.length === 0) {
      return;
    }
    const fromCommit = missing.filter((tp) => !this.outOfRange.has(key(tp)));
    for (const c of await this.client.committed(fromCommit)) {
      this.positionsByKey.set(key(c), c.offset);
    }
    const rest = missing.filter((tp) => !this.positionsByKey.has(key(tp)));
    if (rest.length === 0) {
      return;
    }
    const policy = this.options.autoOffsetReset;
    if (policy === 'none') {
      throw new NoOffsetError(rest[0].topic, rest[0].partition);
    }
    for (const o of await this.client.listOffsets(rest, policy)) {
      this.outOfRange.delete(key(o));
      if (!this.positionsByKey.has(key(o))) {
        this.positionsByKey.set(key(o), o.offset);
      }
    }
  }

  private async ensureMembership(): Promise<void> {
    if (this.mode.kind === 'none' || this.mode.kind === 'assigned') {
      return;
    }
    if (this.mode.kind === 'pattern') {
      const pattern = new RegExp(`^(?:${this.mode.pattern})$`);
      const topics = (await this.listTopics()).filter((t) => pattern.test(t)).sort();
      this.mode = { ...this.mode, topics };
      this.membership.subscribe(topics);
    }
    // Auto-commit before giving partitions back, as the Java client does on revocation.
    const changed = await this.membership.ensureJoined(() => this.autoCommitNow());
    if (changed) {
      this.onGroupAssignment(this.membership.partitions);
    }
  }

  private onGroupAssignment(owned: TopicPartition[]): void {
    const kept = new Set(owned.map(key));
    for (const k of [...this.positionsByKey.keys()]) {
      if (!kept.has(k)) {
        this.positionsByKey.delete(k);
      }
    }
    this.buffer.retain(kept);
  }

  private async autoCommitIfDue(): Promise<void> {
    if (Date.now() - this.lastAutoCommit >= AUTO_COMMIT_INTERVAL_MS) {
      await this.autoCommitNow();
    }
  }

  private async autoCommitNow(): Promise<void> {
    if (this.options.autoCommit) {
      this.lastAutoCommit = Date.now();
      await this.commit().catch(() => undefined);
    }
  }

  private resetAll(): void {
    this.positionsByKey.clear();
    this.buffer.retain(new Set());
  }

  private requireNotAssigned(): void {
    if (this.mode.kind === 'assigned') {
      throw new ConsumerStateError(MUTUALLY_EXCLUSIVE);
    }
  }

  private requireOwned(tp: TopicPartition): void {
    if (!this.assignment().some((a) => a.topic === tp.topic && a.partition === tp.partition)) {
      throw new ConsumerStateError(
        `No current assignment for partition ${tp.topic}-${tp.partition}`,
      );
    }
  }
}

function dedupe(partitions: TopicPartition[]): TopicPartition[] {
  const seen = new Map(partitions.map((p) => [key(p), { topic: p.topic, partition: p.partition }]));
  return [...seen.values()];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
