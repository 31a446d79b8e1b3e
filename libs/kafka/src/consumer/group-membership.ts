import { heartbeatV4, joinGroupV9, leaveGroupV5, syncGroupV5 } from '@platformatic/kafka';
import { TopicPartition } from './consumer.types';
import {
  assignRange,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  RANGE_ASSIGNOR,
} from './consumer-protocol';
import { GroupCoordinator } from './group-coordinator';
import { hasProtocolError, responseOf } from './protocol-errors';

export interface MembershipTimings {
  sessionTimeoutMs: number;
  /** How long the coordinator waits for every member to rejoin (Java's max.poll.interval.ms). */
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
}

// The member must rejoin: a rebalance started, or it was fenced or expelled.
const REJOIN_ERRORS = ['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID'];

/**
 * Membership of a classic consumer group, driven by the owner's polls as in the Java client:
 * heartbeats run in the background but only *flag* a rebalance; the member rejoins at its next
 * `ensureJoined()` (the start of a poll). So partitions are never taken away between a poll and
 * the commit that follows it, and a consumer that commits after each poll reads every record
 * exactly once across rebalances.
 */
export class GroupMembership {
  memberId = '';
  generationId = -1;
  private topics: string[] = [];
  private owned: TopicPartition[] = [];
  private needsJoin = false;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly coordinator: GroupCoordinator,
    private readonly timings: MembershipTimings,
    private readonly partitionCounts: (topics: string[]) => Promise<Map<string, number>>,
  ) {}

  get partitions(): TopicPartition[] {
    return this.owned;
  }

  get isMember(): boolean {
    return this.generationId >= 0 && this.memberId !== '';
  }

  /** Sets the topics; the (re)join happens at the next `ensureJoined()`. */
  subscribe(topics: string[]): void {
    const same =
      topics.length === this.topics.length && topics.every((t) => this.topics.includes(t));
    if (!same || !this.isMember) {
      this.topics = topics;
      this.needsJoin = true;
    }
  }

  /** Rejoins if needed; returns true when the owned partitions may have changed. */
  async ensureJoined(beforeRejoin: () => Promise<void>): Promise<boolean> {
    if (!this.needsJoin) {
      return false;
    }
    if (this.isMember) {
      await beforeRejoin();
    }
    this.stopHeartbeat();
    this.owned = [];
    await this.join();
    this.needsJoin = false;
    this.startHeartbeat();
    return true;
  }

  async leave(): Promise<void> {
    this.stopHeartbeat();
    this.topics = [];
    this.owned = [];
    this.needsJoin = false;
    if (this.memberId !== '') {
      const memberId = this.memberId;
      this.memberId = '';
      this.generationId = -1;
      await this.coordinator
        .run((c) =>
          leaveGroupV5.api.async(c, this.coordinator.groupId, [{ memberId, reason: 'leaving' }]),
        )
        .catch(() => undefined);
    }
  }

  private async join(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.joinOnce();
        return;
      } catch (error) {
        const response = responseOf<{ memberId?: string | null }>(error);
        if (hasProtocolError(error, 'MEMBER_ID_REQUIRED') && response?.memberId) {
          // KIP-394: the first join only hands out a member id; join again with it.
          this.memberId = response.memberId;
        } else if (hasProtocolError(error, 'UNKNOWN_MEMBER_ID')) {
          this.memberId = '';
        } else if (!hasProtocolError(error, ...REJOIN_ERRORS) || attempt >= 10) {
          throw error;
        }
      }
    }
  }

  private async joinOnce(): Promise<void> {
    const groupId = this.coordinator.groupId;
    const protocols = [{ name: RANGE_ASSIGNOR, metadata: encodeSubscription(this.topics) }];
    const joined = await this.coordinator.run((c) =>
      joinGroupV9.api.async(
        c,
        groupId,
        this.timings.sessionTimeoutMs,
        this.timings.rebalanceTimeoutMs,
        this.memberId,
        null,
        'consumer',
        protocols,
        null,
      ),
    );
    this.memberId = joined.memberId ?? this.memberId;
    this.generationId = joined.generationId;
    const assignments = joined.leader === this.memberId ? await this.assign(joined.members) : [];
    const synced = await this.coordinator.run((c) =>
      syncGroupV5.api.async(
        c,
        groupId,
        this.generationId,
        this.memberId,
        null,
        'consumer',
        joined.protocolName,
        assignments,
      ),
    );
    this.owned = decodeAssignment(synced.assignment);
  }

  private async assign(
    members: { memberId: string; metadata: Buffer | null }[],
  ): Promise<{ memberId: string; assignment: Buffer }[]> {
    const subscriptions = new Map(members.map((m) => [m.memberId, decodeSubscription(m.metadata)]));
    const topics = [...new Set([...subscriptions.values()].flat())];
    const assigned = assignRange(subscriptions, await this.partitionCounts(topics));
    return [...assigned].map(([memberId, partitions]) => ({
      memberId,
      assignment: encodeAssignment(partitions),
    }));
  }

  private startHeartbeat(): void {
    this.heartbeat = setInterval(() => void this.beat(), this.timings.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private async beat(): Promise<void> {
    // Heartbeats go on while a rejoin is pending: they keep the session alive until the poll.
    if (!this.isMember) {
      return;
    }
    try {
      await this.coordinator.run((c) =>
        heartbeatV4.api.async(c, this.coordinator.groupId, this.generationId, this.memberId, null),
      );
    } catch (error) {
      if (hasProtocolError(error, ...REJOIN_ERRORS)) {
        if (hasProtocolError(error, 'UNKNOWN_MEMBER_ID')) {
          this.memberId = '';
          this.generationId = -1;
        }
        this.needsJoin = true;
      }
    }
  }
}
