// Domain types of consumer groups, their committed offsets and partition offsets.

/** Kafka's GroupState names in SCREAMING_SNAKE_CASE; anything else Kafka reports is UNKNOWN. */
export type ConsumerGroupState =
  | 'UNKNOWN'
  | 'PREPARING_REBALANCE'
  | 'COMPLETING_REBALANCE'
  | 'ASSIGNING'
  | 'RECONCILING'
  | 'STABLE'
  | 'DEAD'
  | 'EMPTY';

/** CLASSIC: JoinGroup/SyncGroup protocol; CONSUMER: the KIP-848 protocol of Kafka 4. */
export type ConsumerGroupType = 'CLASSIC' | 'CONSUMER';

/** One partition of one topic, as a consumer group sees it. */
export interface GroupPartition {
  topic: string;
  partition: number;
}

export interface GroupPartitionOffset extends GroupPartition {
  offset: number;
}

export interface ConsumerGroupMember {
  consumerId: string;
  /** group.instance.id of a static member, null for a dynamic one. */
  instanceId: string | null;
  clientId: string;
  clientHost: string;
  /** The partitions the member owns now, sorted by topic then partition. */
  assignments: GroupPartition[];
}

export interface ConsumerGroupDescription {
  groupId: string;
  /** A group that only stores offsets (empty protocol type): no member ever joined it. */
  isSimple: boolean;
  partitionAssignor: string;
  state: ConsumerGroupState;
  type: ConsumerGroupType;
  /** A CONSUMER group some of whose members still speak the classic protocol. */
  isMixedConsumerGroup: boolean;
  /** The broker that coordinates the group (FindCoordinator). */
  coordinatorId: number;
  /** Sorted by consumer id. */
  members: ConsumerGroupMember[];
}

/** Which offset of a partition to look up (Kafka's ListOffsets). */
export type PartitionOffsetSpec = 'EARLIEST' | 'LATEST' | { timestamp: number };

/**
 * READ_COMMITTED makes LATEST the last stable offset: the end of the log a transactional
 * consumer can read, which is what Confluent's lag uses.
 */
export type OffsetIsolationLevel = 'READ_UNCOMMITTED' | 'READ_COMMITTED';

export interface ListedPartitionOffset extends GroupPartition {
  /** null when a timestamp query finds no record at or after the timestamp. */
  offset: number | null;
}

export interface PartitionLowWatermark {
  partition: number;
  lowWatermark: number;
}

/** Changing a group's offsets or deleting it needs the group to have no members. */
export type GroupChangeResult = 'DONE' | 'GROUP_NOT_FOUND' | 'GROUP_NOT_EMPTY';
