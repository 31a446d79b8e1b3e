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

/** What the member's owner hears of the partitions it owns, as a rebalance listener. */
export interface AssignmentListener {
  /** A rejoin starts: the member owns nothing until it ends. */
  revoked(): void;
  /**
   * A rejoin ended with these partitions. `continued`: it ended in the very next generation
   * under the same member id, so no other member can have owned the partitions the member had
   * before it; those it gets back may keep their positions (as the cooperative and KIP-848 Java
   * consumers do; the eager one re-reads them from the committed offset).
   */
  assigned(partitions: TopicPartition[], continued: boolean): void;
}

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
 * exactly once across rebalances. A rejoin that outlasts the poll (the coordinator waits for
 * members that have not rejoined yet, up to the rebalance timeout) goes on in the background,
 * as the Java client's poll returns at its timeout: the poll answers with no partitions, and a
 * later one takes the assignment.
 */
export class GroupMembership {
  memberId = '';
  generationId = -1;
  private topics: string[] = [];
  private owned: TopicPartition[] = [];
  /** The membership the rejoin in flight started from, if this was a member then. */
  private rejoinedFrom?: { generationId: number; memberId: string };
  private needsJoin = false;
  private heartbeat?: NodeJS.Timeout;
  /** The rejoin in flight, if one outlasted the poll that started it. */
  private joining?: Promise<void>;
  /** Bumped by leave(): a rejoin started before it must not make the consumer a member again. */
  private epoch = 0;

  constructor(
    private readonly coordinator: GroupCoordinator,
    private readonly timings: MembershipTimings,
    private readonly partitionCounts: (topics: string[]) => Promise<Map<string, number>>,
    private readonly listener: AssignmentListener,
  ) {}

  get partitions(): TopicPartition[] {
    return this.owned;
  }

  get isMember(): boolean {
    return this.generationId >= 0 && this.memberId !== '';
  }

  /** Sets the topics; the (re)join happens at the next `ensureJoined()`. */
  subscribe(topics: string[]): void {
    const same = sameTopics(topics, this.topics);
    if (!same || (!this.isMember && this.joining === undefined)) {
      this.topics = topics;
      this.needsJoin = true;
    }
  }

  /**
   * Rejoins if needed, waiting at most `waitMs` for the group (or until `stop` settles). A
   * rejoin gives up the owned partitions as it starts, and brings the new ones when it ends (in
   * this call or later).
   */
  async ensureJoined(
    beforeRejoin: () => Promise<void>,
    waitMs: number,
    stop: Promise<void> = new Promise(() => undefined),
  ): Promise<void> {
    if (this.joining === undefined) {
      if (!this.needsJoin) {
        return;
      }
      if (this.isMember) {
        await beforeRejoin();
      }
      this.startJoin();
    }
    const joining = this.joining as Promise<void>;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, waitMs));
    });
    try {
      await Promise.race([joining, waited, stop]);
    } catch (error) {
      if (this.joining === joining) {
        this.joining = undefined;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async leave(): Promise<void> {
    this.epoch++;
    this.joining = undefined;
    this.stopHeartbeat();
    this.topics = [];
    this.rejoinedFrom = undefined;
    this.owned = [];
    this.needsJoin = false;
    if (this.memberId !== '') {
      const memberId = this.memberId;
      this.memberId = '';
      this.generationId = -1;
      await this.sendLeave(memberId);
    }
  }

  private startJoin(): void {
    this.stopHeartbeat();
    this.rejoinedFrom = this.isMember
      ? { generationId: this.generationId, memberId: this.memberId }
      : undefined;
    this.owned = [];
    this.listener.revoked();
    const epoch = this.epoch;
    const topics = [...this.topics];
    const joining = this.join(epoch).then(() => {
      if (this.joining === joining) {
        this.joining = undefined;
      }
      if (epoch !== this.epoch) {
        return;
      }
      // A subscription changed while joining asks for another join at the next poll.
      this.needsJoin = !sameTopics(this.topics, topics);
      this.startHeartbeat();
    });
    // Awaited by this poll or a later one; never an unhandled rejection in between.
    joining.catch(() => undefined);
    this.joining = joining;
  }

  private sendLeave(memberId: string): Promise<void> {
    return this.coordinator
      .runAside((c) =>
        leaveGroupV5.api.async(c, this.coordinator.groupId, [{ memberId, reason: 'leaving' }]),
      )
      .then(
        () => undefined,
        () => undefined,
      );
  }

  private async join(epoch: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.joinOnce(epoch);
        return;
      } catch (error) {
        const response = responseOf<{ memberId?: string | null }>(error);
        if (epoch !== this.epoch) {
          // Left meanwhile: nothing to retry. A member id handed out by a first join (KIP-394)
          // is a pending member the coordinator would wait for until the session timeout.
          if (hasProtocolError(error, 'MEMBER_ID_REQUIRED') && response?.memberId) {
            await this.sendLeave(response.memberId);
          }
          return;
        }
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

  private async joinOnce(epoch: number): Promise<void> {
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
    if (epoch !== this.epoch) {
      // The consumer left while the coordinator held this join: leave as the member it made.
      await this.sendLeave(joined.memberId ?? this.memberId);
      return;
    }
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
    if (epoch !== this.epoch) {
      await this.sendLeave(this.memberId);
      return;
    }
    const owned = decodeAssignment(synced.assignment);
    const from = this.rejoinedFrom;
    const continued =
      from !== undefined &&
      from.memberId === this.memberId &&
      from.generationId + 1 === this.generationId;
    this.rejoinedFrom = undefined;
    this.owned = owned;
    this.listener.assigned(owned, continued);
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

function sameTopics(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}
