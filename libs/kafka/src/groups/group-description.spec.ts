import { Writer } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { decodeClassicAssignment } from './classic-assignment';
import { ConsumerGroupDescribeGroup } from './consumer-group-describe-v1';
import { fromClassicGroup, fromConsumerGroup, toGroupState } from './group-description';

/** A ConsumerProtocolAssignment v0 as a Java or kafkajs member sends it. */
function assignment(topics: Record<string, number[]>): Buffer {
  return Writer.create()
    .appendInt16(0)
    .appendArray(
      Object.entries(topics),
      (w, [topic, partitions]) =>
        w
          .appendString(topic, false)
          .appendArray(partitions, (pw, p) => pw.appendInt32(p), false, false),
      false,
      false,
    )
    .appendBytes(null, false).buffer;
}

function classicGroup(overrides: Partial<Parameters<typeof fromClassicGroup>[0]> = {}) {
  return {
    errorCode: 0,
    groupId: 'orders',
    groupState: 'Stable',
    protocolType: 'consumer',
    protocolData: 'range',
    members: [],
    authorizedOperations: -2147483648,
    ...overrides,
  };
}

describe(toGroupState.name, () => {
  it.each([
    ['Stable', 'STABLE'],
    ['PreparingRebalance', 'PREPARING_REBALANCE'],
    ['CompletingRebalance', 'COMPLETING_REBALANCE'],
    ['Empty', 'EMPTY'],
    ['Dead', 'DEAD'],
    ['Assigning', 'ASSIGNING'],
    ['Reconciling', 'RECONCILING'],
    ['NotAState', 'UNKNOWN'],
  ])('maps Kafka state %s to %s', (kafka, rest) => {
    expect(toGroupState(kafka)).toBe(rest);
  });
});

describe(decodeClassicAssignment.name, () => {
  it('lists the partitions of a consumer-protocol assignment, sorted', () => {
    const bytes = assignment({ b: [2, 0], a: [1] });
    expect(decodeClassicAssignment('consumer', bytes)).toEqual([
      { topic: 'a', partition: 1 },
      { topic: 'b', partition: 0 },
      { topic: 'b', partition: 2 },
    ]);
  });

  it('reads nothing from other protocols or unreadable bytes', () => {
    expect(decodeClassicAssignment('connect', assignment({ a: [1] }))).toEqual([]);
    expect(decodeClassicAssignment('consumer', Buffer.from([0, 0, 0, 0, 0, 9]))).toEqual([]);
    expect(decodeClassicAssignment('consumer', Buffer.alloc(0))).toEqual([]);
  });
});

describe(fromClassicGroup.name, () => {
  it("treats Kafka's made-up Dead group with no protocol type as unknown", () => {
    expect(
      fromClassicGroup(classicGroup({ groupState: 'Dead', protocolType: '', protocolData: '' }), 1),
    ).toBeUndefined();
  });

  it('describes a group that only holds offsets as simple', () => {
    const group = fromClassicGroup(
      classicGroup({ groupState: 'Empty', protocolType: '', protocolData: '' }),
      2,
    );
    expect(group).toMatchObject({
      isSimple: true,
      state: 'EMPTY',
      type: 'CLASSIC',
      coordinatorId: 2,
    });
  });

  it('describes members with their assignments, sorted by member id', () => {
    const member = (
      memberId: string,
      instance: string | null,
      topics: Record<string, number[]>,
    ) => ({
      memberId,
      groupInstanceId: instance,
      clientId: `client-${memberId}`,
      clientHost: '/10.0.0.1',
      memberMetadata: Buffer.alloc(0),
      memberAssignment: assignment(topics),
    });
    const group = fromClassicGroup(
      classicGroup({
        members: [member('m2', null, { t: [1] }), member('m1', 'static-1', { t: [0] })],
      }),
      1,
    );
    expect(group).toEqual({
      groupId: 'orders',
      isSimple: false,
      partitionAssignor: 'range',
      state: 'STABLE',
      type: 'CLASSIC',
      isMixedConsumerGroup: false,
      coordinatorId: 1,
      members: [
        {
          consumerId: 'm1',
          instanceId: 'static-1',
          clientId: 'client-m1',
          clientHost: '/10.0.0.1',
          assignments: [{ topic: 't', partition: 0 }],
        },
        {
          consumerId: 'm2',
          instanceId: null,
          clientId: 'client-m2',
          clientHost: '/10.0.0.1',
          assignments: [{ topic: 't', partition: 1 }],
        },
      ],
    });
  });
});

describe(fromConsumerGroup.name, () => {
  function consumerGroup(memberTypes: number[]): ConsumerGroupDescribeGroup {
    return {
      errorCode: 0,
      errorMessage: null,
      groupId: 'g',
      groupState: 'Reconciling',
      assignorName: 'uniform',
      members: memberTypes.map((memberType, i) => ({
        memberId: `m${i}`,
        instanceId: null,
        clientId: 'c',
        clientHost: '/h',
        assignment: [{ topicName: 't', partitions: [i + 1, i] }],
        memberType,
      })),
    };
  }

  it('is not mixed when every member speaks the consumer protocol', () => {
    expect(fromConsumerGroup(consumerGroup([1, 1]), 3)).toMatchObject({
      type: 'CONSUMER',
      isSimple: false,
      state: 'RECONCILING',
      partitionAssignor: 'uniform',
      isMixedConsumerGroup: false,
      coordinatorId: 3,
    });
  });

  it('is mixed with a classic member or one of unknown type, as Kafka admin counts it', () => {
    expect(fromConsumerGroup(consumerGroup([1, 0]), 1).isMixedConsumerGroup).toBe(true);
    expect(fromConsumerGroup(consumerGroup([-1]), 1).isMixedConsumerGroup).toBe(true);
  });

  it('sorts each member assignment', () => {
    expect(fromConsumerGroup(consumerGroup([1]), 1).members[0].assignments).toEqual([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
    ]);
  });
});
