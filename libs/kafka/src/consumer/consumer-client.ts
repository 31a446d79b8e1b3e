import { Consumer, FetchIsolationLevels, offsetCommitV8, offsetFetchV8 } from '@platformatic/kafka';
import { Connection, GroupCoordinator } from './group-coordinator';
import {
  KafkaError,
  namingTopics,
  toKafkaError,
  topicNotFound,
  topicsRefused,
} from '../kafka-errors';
import { assertUsableSecurity, platformaticSecurity } from '../connection-security';
import { KafkaOptions } from '../kafka.options';
import { requireTopicsKnown } from '../platformatic-topics';
import {
  CommitRequest,
  CommittedOffset,
  TopicPartition,
  TopicPartitionOffset,
} from './consumer.types';
import { FetchConnections, FetchLimits } from './fetch-connections';
import { FetchRequest } from './fetch-response';
import { FetchedPartition, toFetchedPartition } from './fetched-partition';
import { committedOffsetsOf, GroupMember, offsetCommitTopics } from './group-offsets';

export type OffsetSpec = 'earliest' | 'latest' | { timestamp: number };

/**
 * One Kafka consumer client (@platformatic/kafka) used as raw building blocks: metadata, fetch
 * by offset, list offsets, commit and committed offsets. Fetches run on their own connections,
 * so a long poll never delays the group heartbeats that share the client.
 */
export class ConsumerClient {
  readonly client: Consumer;
  private readonly fetches: FetchConnections;
  readonly coordinator: GroupCoordinator;

  constructor(
    options: KafkaOptions,
    clientId: string,
    private readonly groupId: string,
  ) {
    assertUsableSecurity(options.security);
    this.client = new Consumer({
      // Kafka takes any group and client id; @platformatic/kafka refuses whitespace in them.
      // Its Consumer never joins the group (GroupMembership does), so it gets a stand-in.
      clientId: withoutWhitespace(clientId),
      groupId: withoutWhitespace(groupId),
      bootstrapBrokers: options.bootstrapServers,
      connectTimeout: options.connectionTimeoutMs,
      timeout: options.requestTimeoutMs,
      retries: 1,
      retryDelay: 100,
      autocommit: false,
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      ...platformaticSecurity(options.security),
    });
    this.fetches = new FetchConnections(this.client, clientId, options);
    this.coordinator = new GroupCoordinator(
      groupId,
      clientId,
      options.bootstrapServers,
      options.connectionTimeoutMs,
      // A JoinGroup waits for every member to rejoin, up to the rebalance timeout.
      5 * 60_000,
      options.security,
    );
  }

  /** Partition ids of a topic; an unknown topic is TOPIC_NOT_FOUND. */
  async partitionsOf(topic: string): Promise<number[]> {
    const metadata = await this.metadata([topic]);
    const described = metadata.topics.get(topic);
    if (described === undefined) {
      throw topicNotFound();
    }
    return described.partitions.map((_p, index) => index);
  }

  /** Fetches the given positions, one request per leader, all in parallel. */
  async fetch(positions: TopicPartitionOffset[], limits: FetchLimits): Promise<FetchedPartition[]> {
    const byLeader = await this.groupByLeader(positions);
    const results = await Promise.all(
      [...byLeader].map(([leader, group]) => this.fetchFromLeader(leader, group, limits)),
    );
    return results.flat();
  }

  /** Fetches from one leader; the leader id comes from `leaderOf`. */
  async fetchFromLeader(
    leader: number,
    positions: TopicPartitionOffset[],
    limits: FetchLimits,
  ): Promise<FetchedPartition[]> {
    const metadata = await this.metadata(unique(positions.map((p) => p.topic)));
    const broker = metadata.brokers.get(leader);
    if (broker === undefined) {
      this.client.clearMetadata();
      throw new KafkaError('UNKNOWN', `Cannot find broker with node id ${leader}`, true);
    }
    const topicIds = new Map<string, string>();
    const requests = new Map<string, { topicId: string; partitions: FetchPartitionRequest[] }>();
    for (const p of positions) {
      const topicId = metadata.topics.get(p.topic)?.id ?? '';
      topicIds.set(topicId, p.topic);
      const entry = requests.get(topicId) ?? { topicId, partitions: [] };
      entry.partitions.push({
        partition: p.partition,
        fetchOffset: BigInt(p.offset),
        partitionMaxBytes: limits.maxBytes,
        currentLeaderEpoch: -1,
        lastFetchedEpoch: -1,
      });
      requests.set(topicId, entry);
    }
    const response = await this.fetches.fetch(broker, [...requests.values()], limits);
    const fetchOffsets = new Map(positions.map((p) => [`${p.topic}:${p.partition}`, p.offset]));
    return response.responses.flatMap((topicResponse) => {
      const topic = topicIds.get(topicResponse.topicId) ?? '';
      return topicResponse.partitions.map((raw) => {
        const fetchOffset = fetchOffsets.get(`${topic}:${raw.partitionIndex}`) ?? 0;
        return toFetchedPartition(topic, fetchOffset, raw);
      });
    });
  }

  /** Leader broker id of each partition (refreshing metadata when `refresh`). */
  async groupByLeader(
    positions: TopicPartitionOffset[],
    refresh = false,
  ): Promise<Map<number, TopicPartitionOffset[]>> {
    const metadata = await this.metadata(unique(positions.map((p) => p.topic)), refresh);
    const byLeader = new Map<number, TopicPartitionOffset[]>();
    for (const p of positions) {
      const leader = metadata.topics.get(p.topic)?.partitions[p.partition]?.leader;
      if (leader === undefined) {
        throw topicNotFound();
      }
      byLeader.set(leader, [...(byLeader.get(leader) ?? []), p]);
    }
    return byLeader;
  }

  /** Offsets at the start, the end, or the first record at or after a timestamp (else the end). */
  async listOffsets(
    partitions: TopicPartition[],
    spec: OffsetSpec,
  ): Promise<TopicPartitionOffset[]> {
    if (partitions.length === 0) {
      return [];
    }
    const topics = unique(partitions.map((p) => p.topic));
    const filter = Object.fromEntries(
      topics.map((t) => [t, partitions.filter((p) => p.topic === t).map((p) => p.partition)]),
    );
    // An instant before 1970 means the first record: negative times are Kafka's sentinels.
    const timestamp =
      spec === 'earliest' ? -2n : spec === 'latest' ? -1n : BigInt(Math.max(0, spec.timestamp));
    await requireTopicsKnown((names) => this.metadata(names), topics);
    const found = await this.call(() =>
      this.client.listOffsets({ topics, partitions: filter, timestamp }),
    );
    const latest =
      typeof spec === 'object' ? await this.listOffsets(partitions, 'latest') : undefined;
    return partitions.map((p) => {
      const offset = found.get(p.topic)?.[p.partition] ?? -1n;
      const fallback = latest?.find((l) => l.topic === p.topic && l.partition === p.partition);
      return { ...p, offset: offset >= 0n ? Number(offset) : (fallback?.offset ?? 0) };
    });
  }

  /**
   * Commits offsets for the group: as the current member when it joined, otherwise as a
   * standalone consumer (generation -1), which Kafka accepts while the group has no members.
   */
  async commit(offsets: CommitRequest[], member?: GroupMember): Promise<void> {
    if (offsets.length === 0) {
      return;
    }
    const topics = offsetCommitTopics(offsets);
    await this.onCoordinator((connection) =>
      offsetCommitV8.api.async(
        connection,
        this.groupId,
        member?.generationId ?? -1,
        member?.memberId ?? '',
        null,
        topics,
      ),
    );
  }

  /** Committed offsets of the group; partitions without one are left out. */
  async committed(partitions: TopicPartition[]): Promise<CommittedOffset[]> {
    if (partitions.length === 0) {
      return [];
    }
    const topics = unique(partitions.map((p) => p.topic)).map((name) => ({
      name,
      partitionIndexes: partitions.filter((p) => p.topic === name).map((p) => p.partition),
    }));
    const response = await this.onCoordinator((connection) =>
      offsetFetchV8.api.async(
        connection,
        [{ groupId: this.groupId, memberEpoch: -1, topics }],
        false,
      ),
    );
    return committedOffsetsOf(response);
  }

  clearMetadata(): void {
    this.client.clearMetadata();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.client.close(), this.fetches.close(), this.coordinator.close()]);
  }

  /**
   * Fails with the Java client's TopicAuthorizationException wording when the caller may not
   * describe some of `topics` (unknown topics pass: a subscription may name them).
   */
  async requireTopicsAuthorized(topics: string[]): Promise<void> {
    const refused: string[] = [];
    for (const topic of topics) {
      await this.partitionsOf(topic).catch((error: unknown) => {
        if (error instanceof KafkaError && error.kind === 'AUTHORIZATION_FAILED') {
          refused.push(topic);
        }
      });
    }
    if (refused.length > 0) {
      throw topicsRefused(refused);
    }
  }

  /** Partition counts of topics (unknown topics are left out). */
  async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const topic of topics) {
      // Subscribed topics that do not exist (yet) simply get no partitions.
      const count = await this.partitionsOf(topic).then(
        (p) => p.length,
        () => 0,
      );
      if (count > 0) {
        counts.set(topic, count);
      }
    }
    return counts;
  }

  private async metadata(topics: string[], forceUpdate = false) {
    try {
      return await this.client.metadata({ topics, forceUpdate });
    } catch (error) {
      if (/^Unknown topic/.test((error as Error).message ?? '')) {
        throw topicNotFound();
      }
      throw namingTopics(toKafkaError(error), topics);
    }
  }

  private onCoordinator<T>(request: (connection: Connection) => Promise<T>): Promise<T> {
    return this.call(() => this.coordinator.run(request));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toKafkaError(error);
    }
  }
}

type FetchPartitionRequest = FetchRequest[6][number]['partitions'][number];

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function withoutWhitespace(id: string): string {
  return id.replace(/\s/g, '_');
}
