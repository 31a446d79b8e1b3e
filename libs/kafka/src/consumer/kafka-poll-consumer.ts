import { groupRefused, toKafkaError } from '../kafka-errors';
import { AutoCommit } from './auto-commit';
import { ConsumerClient } from './consumer-client';
import { ConsumerStateError } from './consumer-state.error';
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
import { GroupMembership, MembershipTimings } from './group-membership';
import { initializePositions } from './initial-positions';
import { LeaderFetches } from './leader-fetches';
import { dedupe, partitionKey } from './partition-key';
import { topicsMatching } from './topic-pattern';
import { ConsumerSubscription, PollConsumer } from './poll-consumer';

const MUTUALLY_EXCLUSIVE = 'Subscription to topics, partitions and pattern are mutually exclusive';

// Java's defaults, except a shorter rebalance timeout (max.poll.interval.ms): a REST client
// that stops polling holds a rebalance up for at most this long.
const DEFAULT_TIMINGS: MembershipTimings = {
  sessionTimeoutMs: 45_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3_000,
};

/**
 * PollConsumer on raw fetches: positions live here, one fetch per leader may be in flight
 * (its answer is kept only if the position did not move meanwhile), and group membership is
 * delegated to GroupMembership.
 */
export class KafkaPollConsumer extends PollConsumer {
  private mode: ConsumerSubscription = { kind: 'none' };
  private readonly positionsByKey = new Map<string, number>();
  /** The positions of the partitions given up by the rejoin in flight (see resumePositions). */
  private suspended = new Map<string, number>();
  private readonly buffer = new FetchBuffer();
  private readonly outOfRange = new Set<string>();
  private readonly membership: GroupMembership;
  private readonly autoCommit: AutoCommit;
  private readonly fetches: LeaderFetches;
  private closed = false;

  constructor(
    private readonly client: ConsumerClient,
    private readonly options: PollConsumerOptions,
    private readonly listTopics: () => Promise<string[]>,
    timings: MembershipTimings = DEFAULT_TIMINGS,
  ) {
    super();
    this.membership = new GroupMembership(
      client.coordinator,
      timings,
      (topics) => client.partitionCounts(topics),
      {
        revoked: () => this.suspendPositions(),
        assigned: (owned, continued) => this.resumePositions(owned, continued),
      },
    );
    this.autoCommit = new AutoCommit(options, () => this.commit());
    this.fetches = new LeaderFetches(
      client,
      options,
      () => this.assignment(),
      this.positionsByKey,
      this.buffer,
      this.outOfRange,
    );
  }

  get groupId(): string {
    return this.options.groupId;
  }

  subscribe(topics: string[]): Promise<void> {
    this.requireMode('topics');
    this.mode = { kind: 'topics', topics: [...new Set(topics)] };
    // Like the Java client, the group is (re)joined at the next poll, not here.
    this.membership.subscribe(this.mode.topics);
    return Promise.resolve();
  }

  subscribePattern(pattern: string): Promise<void> {
    this.requireMode('pattern');
    this.mode = { kind: 'pattern', pattern, topics: [] };
    this.membership.subscribe([]);
    return Promise.resolve();
  }

  async unsubscribe(): Promise<void> {
    if (this.mode.kind === 'topics' || this.mode.kind === 'pattern') {
      await this.autoCommit.now();
    }
    this.mode = { kind: 'none' };
    this.resetAll();
    await this.membership.leave();
  }

  subscription(): ConsumerSubscription {
    return this.mode;
  }

  async assign(partitions: TopicPartition[]): Promise<void> {
    // As the Java consumer: assigning nothing is unsubscribing, whatever the mode.
    if (partitions.length === 0) {
      return this.unsubscribe();
    }
    if (this.mode.kind === 'topics' || this.mode.kind === 'pattern') {
      throw new ConsumerStateError(MUTUALLY_EXCLUSIVE);
    }
    await Promise.resolve();
    this.keepPositions(partitions);
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
      this.positionsByKey.set(partitionKey(o), o.offset);
      this.buffer.drop(partitionKey(o));
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

  /**
   * At most the timeout (and a little): Kafka requests on the way (a commit due, a rejoin,
   * metadata, a catch-up fetch) wait up to their own request timeout, and a broker that hangs
   * (rather than refusing connections) would hold the poll that long. Past its deadline the
   * poll returns no records, as the Java consumer's does; what the abandoned round does later
   * never takes records (it stops at its signal check) and its failure is dropped, the next
   * poll meeting the same broker.
   */
  async poll(options: PollOptions): Promise<ConsumedRecord[]> {
    // Ended by the caller's signal or by the deadline. (Not AbortSignal.any: callers may pass
    // a long-lived signal, which would keep one dependent signal per poll.)
    const ended = new AbortController();
    const end = (): void => ended.abort();
    options.signal?.addEventListener('abort', end, { once: true });
    if (options.signal?.aborted === true) {
      end();
    }
    const timer = setTimeout(end, options.timeoutMs + POLL_OVERRUN_MS);
    const round = this.pollRound({ ...options, signal: ended.signal }).catch(this.nameGroup);
    try {
      return await Promise.race([round, abortedPromise(ended.signal).then(() => [])]);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', end);
      round.catch(() => undefined);
    }
  }

  private async pollRound(options: PollOptions): Promise<ConsumedRecord[]> {
    const deadline = Date.now() + options.timeoutMs;
    await this.autoCommit.ifDue();
    // Group requests fail with the client's own errors (GroupMembership needs their protocol
    // names to rejoin); translate them here, or an unreachable Kafka becomes a 500.
    const aborted = abortedPromise(options.signal);
    await this.ensureMembership(deadline, aborted).catch((error: unknown) => {
      throw toKafkaError(error);
    });
    await this.initializePositions();
    // Records held may be only the first of those Kafka holds by now (a fetch ahead answered as
    // soon as one came): upToDate adds one catch-up fetch before they are returned.
    let caughtUp = options.upToDate !== true;
    for (;;) {
      if (options.signal?.aborted === true) {
        return [];
      }
      this.fetches.throwError();
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.enoughHeld(options)) {
        if (remaining > 0 && !caughtUp && !this.maxBytesReached(options)) {
          caughtUp = true;
          await Promise.race([this.fetches.catchUp(), sleep(remaining), aborted]);
          continue;
        }
        const records = this.buffer.take(this.positionsByKey, options.maxBytes, options.maxRecords);
        if (records.length > 0) {
          if (!this.closed) {
            this.fetches.prefetch(options.timeoutMs);
          }
          return records;
        }
      }
      // Short of minBytes, Kafka may hold the fetch until more records come, though some are held.
      await this.fetches.start(Math.max(remaining, 0), options.minBytes !== undefined);
      if (remaining <= 0) {
        return [];
      }
      // With nothing in flight (no partition owned yet), look again soon: a group may assign.
      const inflight = this.fetches.inFlight();
      const wait = inflight.length > 0 ? remaining : Math.min(remaining, 100);
      await Promise.race([...inflight, sleep(wait), aborted]);
      await this.initializePositions();
    }
  }

  peek(options: Omit<PollOptions, 'timeoutMs'>): ConsumedRecord[] {
    return this.buffer.peek(this.positionsByKey, options.maxBytes, options.maxRecords);
  }

  fetched(): Promise<void> {
    return this.fetches.settled();
  }

  releaseFetched(): void {
    this.buffer.retain(new Set());
  }

  positions(): TopicPartitionOffset[] {
    return this.assignment().flatMap((tp) => {
      const offset = this.positionsByKey.get(partitionKey(tp));
      return offset === undefined ? [] : [{ ...tp, offset }];
    });
  }

  async commit(offsets?: CommitRequest[]): Promise<CommitRequest[]> {
    const toCommit = offsets ?? this.positions();
    const m = this.membership;
    await this.client.commit(toCommit, m.isMember ? m : undefined).catch(this.nameGroup);
    return toCommit;
  }

  committed(partitions: TopicPartition[]): Promise<CommittedOffset[]> {
    return this.client.committed(partitions).catch(this.nameGroup);
  }

  /** A group refusal names the group, as the Java consumer's does. */
  private readonly nameGroup = (error: unknown): never => {
    throw groupRefused(error, this.options.groupId);
  };

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      await this.autoCommit.now();
      await this.membership.leave();
    } finally {
      await this.client.close();
    }
  }

  /** The records held already fill the poll's maxBytes (or maxRecords). */
  private maxBytesReached(options: PollOptions): boolean {
    return this.buffer.measure(this.positionsByKey, options.maxBytes, options.maxRecords).limited;
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

  private initializePositions(): Promise<void> {
    return initializePositions(
      this.client,
      this.options,
      this.assignment(),
      this.positionsByKey,
      this.outOfRange,
    );
  }

  private async ensureMembership(deadline: number, aborted: Promise<void>): Promise<void> {
    if (this.mode.kind === 'none' || this.mode.kind === 'assigned') {
      return;
    }
    if (this.mode.kind === 'pattern') {
      const topics = topicsMatching(this.mode.pattern, await this.listTopics());
      this.mode = { ...this.mode, topics };
      this.membership.subscribe(topics);
    }
    const topics = this.mode.topics;
    // Auto-commit before giving partitions back, as the Java client does on revocation.
    await this.membership
      .ensureJoined(() => this.autoCommit.now(), deadline - Date.now(), aborted)
      .catch(async (error: unknown) => {
        // The Java consumer has its topics' metadata before it finds the coordinator: a caller
        // refused both the topics and the group hears about the topics (AuthorizationErrorTest).
        if (toKafkaError(error).kind === 'AUTHORIZATION_FAILED') {
          await this.client.requireTopicsAuthorized(topics);
        }
        throw error;
      });
  }

  /** A rejoin starts: positions are set aside, so nothing is read from partitions not owned. */
  private suspendPositions(): void {
    this.suspended = new Map(this.positionsByKey);
    this.positionsByKey.clear();
  }

  /**
   * A rejoin ended: partitions got back in a continued membership read on from where they were
   * (with what was fetched for them); the others start from the committed offset.
   */
  private resumePositions(owned: TopicPartition[], continued: boolean): void {
    if (continued) {
      for (const [k, position] of this.suspended) {
        this.positionsByKey.set(k, position);
      }
    }
    this.suspended.clear();
    this.keepPositions(continued ? owned : []);
  }

  private keepPositions(partitions: TopicPartition[]): void {
    const kept = new Set(partitions.map(partitionKey));
    for (const k of [...this.positionsByKey.keys()]) {
      if (!kept.has(k)) {
        this.positionsByKey.delete(k);
      }
    }
    this.buffer.retain(kept);
  }

  private resetAll(): void {
    this.positionsByKey.clear();
    this.suspended.clear();
    this.buffer.retain(new Set());
  }

  /**
   * The Java client's SubscriptionState: a consumer subscribed one way (topics, a pattern or
   * assigned partitions) must unsubscribe before it subscribes another way.
   */
  private requireMode(kind: 'topics' | 'pattern'): void {
    if (this.mode.kind !== 'none' && this.mode.kind !== kind) {
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

// How far past its timeout a poll may run before it gives up on the Kafka requests it awaits.
const POLL_OVERRUN_MS = 200;

/** Settles when the signal aborts; never without one. */
function abortedPromise(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) {
    return new Promise<void>(() => undefined);
  }
  return new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
    }
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
