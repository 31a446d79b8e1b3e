import { describeGroupsV5 } from '@platformatic/kafka';
import { decodeClassicAssignment, sortPartitions } from './classic-assignment';
import { ConsumerGroupDescribeGroup } from './consumer-group-describe-v1';
import { ConsumerGroupDescription, ConsumerGroupMember, ConsumerGroupState } from './groups.types';

type DescribedClassicGroup = describeGroupsV5.DescribeGroupsResponseGroup;

const KNOWN_STATES = new Set<ConsumerGroupState>([
  'UNKNOWN',
  'PREPARING_REBALANCE',
  'COMPLETING_REBALANCE',
  'ASSIGNING',
  'RECONCILING',
  'STABLE',
  'DEAD',
  'EMPTY',
]);

// The member_type of a KIP-848 member that speaks the new protocol.
const CONSUMER_PROTOCOL_MEMBER = 1;

/** Kafka names states in PascalCase ("PreparingRebalance"); the REST API in SCREAMING_SNAKE. */
export function toGroupState(name: string): ConsumerGroupState {
  const upper = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() as ConsumerGroupState;
  return KNOWN_STATES.has(upper) ? upper : 'UNKNOWN';
}

/**
 * A DescribeGroups answer as a consumer group, or undefined when the group does not exist:
 * Kafka answers an unknown id with a made-up Dead group whose protocol type is empty.
 */
export function fromClassicGroup(
  group: DescribedClassicGroup,
  coordinatorId: number,
): ConsumerGroupDescription | undefined {
  const state = toGroupState(group.groupState);
  const isSimple = group.protocolType === '';
  if (isSimple && state === 'DEAD') {
    return undefined;
  }
  const members: ConsumerGroupMember[] = group.members.map((m) => ({
    consumerId: m.memberId,
    instanceId: m.groupInstanceId ?? null,
    clientId: m.clientId,
    clientHost: m.clientHost,
    assignments: decodeClassicAssignment(group.protocolType, m.memberAssignment),
  }));
  return {
    groupId: group.groupId,
    isSimple,
    partitionAssignor: group.protocolData,
    state,
    type: 'CLASSIC',
    // Only a CONSUMER group can hold members of the other protocol.
    isMixedConsumerGroup: false,
    coordinatorId,
    members: sortMembers(members),
  };
}

/** A ConsumerGroupDescribe answer (a KIP-848 group, error code 0) as a consumer group. */
export function fromConsumerGroup(
  group: ConsumerGroupDescribeGroup,
  coordinatorId: number,
): ConsumerGroupDescription {
  const members: ConsumerGroupMember[] = group.members.map((m) => ({
    consumerId: m.memberId,
    instanceId: m.instanceId,
    clientId: m.clientId,
    clientHost: m.clientHost,
    assignments: sortPartitions(
      m.assignment.flatMap((t) =>
        t.partitions.map((partition) => ({ topic: t.topicName, partition })),
      ),
    ),
  }));
  return {
    groupId: group.groupId,
    isSimple: false,
    partitionAssignor: group.assignorName,
    state: toGroupState(group.groupState),
    type: 'CONSUMER',
    // As Kafka's admin client: a member of unknown type counts as not upgraded.
    isMixedConsumerGroup: group.members.some((m) => m.memberType !== CONSUMER_PROTOCOL_MEMBER),
    coordinatorId,
    members: sortMembers(members),
  };
}

function sortMembers(members: ConsumerGroupMember[]): ConsumerGroupMember[] {
  return members.sort((a, b) =>
    a.consumerId < b.consumerId ? -1 : a.consumerId > b.consumerId ? 1 : 0,
  );
}
