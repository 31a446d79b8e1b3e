import { Injectable } from '@nestjs/common';
import { Connection, describeGroupsV5, ProtocolError } from '@platformatic/kafka';
import { toKafkaError } from '../kafka-errors';
import { consumerGroupDescribeV1 } from './consumer-group-describe-v1';
import { fromClassicGroup, fromConsumerGroup } from './group-description';
import { GroupCoordinator, GroupsClient } from './groups-client';
import {
  ConsumerGroupDescription,
  ConsumerGroupType,
  GroupChangeResult,
  GroupPartitionOffset,
} from './groups.types';
import { hasProtocolError } from './protocol-errors';
import { sortPartitions } from './classic-assignment';

/** Consumer groups: describe, committed offsets, offset changes and deletion. */
export abstract class GroupAdmin {
  /** Every consumer group (classic and KIP-848), sorted by id. */
  abstract listConsumerGroups(): Promise<ConsumerGroupDescription[]>;
  /** undefined when Kafka knows no such group. */
  abstract describeConsumerGroup(groupId: string): Promise<ConsumerGroupDescription | undefined>;
  /** Committed offsets sorted by topic and partition; partitions never committed are left out. */
  abstract committedOffsets(groupId: string): Promise<GroupPartitionOffset[]>;
  /** Commits offsets as an admin; Kafka refuses while the group has members. */
  abstract commitOffsets(
    groupId: string,
    offsets: GroupPartitionOffset[],
  ): Promise<Exclude<GroupChangeResult, 'GROUP_NOT_FOUND'>>;
  abstract deleteConsumerGroup(groupId: string): Promise<GroupChangeResult>;
}

interface GroupToDescribe {
  groupId: string;
  /** Known from ListGroups; undefined when describing by id only. */
  type?: ConsumerGroupType;
}

// Kafka error codes read from answers this code parses itself.
const GROUP_ID_NOT_FOUND = 69;
const GROUP_AUTHORIZATION_FAILED = 30;

// What Kafka answers an admin commit (no member id, generation -1) to a group with members.
const ACTIVE_GROUP_COMMIT_ERRORS = [
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'REBALANCE_IN_PROGRESS',
  'STALE_MEMBER_EPOCH',
  'FENCED_MEMBER_EPOCH',
];

@Injectable()
export class KafkaGroupAdmin extends GroupAdmin {
  constructor(private readonly client: GroupsClient) {
    super();
  }

  async listConsumerGroups(): Promise<ConsumerGroupDescription[]> {
    const listed = await this.client.run((admin) =>
      admin.listGroups({ types: ['classic', 'consumer'] }),
    );
    const groups: GroupToDescribe[] = [];
    for (const group of listed.values()) {
      // ListGroups before v5 (Kafka < 3.8) has no group type: every group is classic there.
      if ((group.groupType ?? '').toLowerCase() === 'consumer') {
        groups.push({ groupId: group.id, type: 'CONSUMER' });
      } else if (group.protocolType === 'consumer' || group.protocolType === '') {
        // As Kafka's listConsumerGroups: classic groups of other protocols (Connect) are not consumers.
        groups.push({ groupId: group.id, type: 'CLASSIC' });
      }
    }
    const described = await this.describe(groups);
    return described.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  async describeConsumerGroup(groupId: string): Promise<ConsumerGroupDescription | undefined> {
    const [group] = await this.describe([{ groupId }]);
    return group;
  }

  async committedOffsets(groupId: string): Promise<GroupPartitionOffset[]> {
    const groups = await this.client.run((admin) =>
      admin.listConsumerGroupOffsets({ groups: [groupId] }),
    );
    const offsets = groups
      .filter((g) => g.groupId === groupId)
      .flatMap((g) => g.topics)
      .flatMap((t) =>
        t.partitions
          .filter((p) => p.committedOffset >= 0n)
          .map((p) => ({
            topic: t.name,
            partition: p.partitionIndex,
            offset: Number(p.committedOffset),
          })),
      );
    return sortPartitions(offsets);
  }

  async commitOffsets(
    groupId: string,
    offsets: GroupPartitionOffset[],
  ): Promise<Exclude<GroupChangeResult, 'GROUP_NOT_FOUND'>> {
    const topics = new Map<string, { partition: number; offset: bigint }[]>();
    for (const o of offsets) {
      const list = topics.get(o.topic) ?? [];
      list.push({ partition: o.partition, offset: BigInt(o.offset) });
      topics.set(o.topic, list);
    }
    try {
      await this.client.admin.alterConsumerGroupOffsets({
        groupId,
        topics: [...topics].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
      });
      return 'DONE';
    } catch (error) {
      if (hasProtocolError(error, ...ACTIVE_GROUP_COMMIT_ERRORS)) {
        return 'GROUP_NOT_EMPTY';
      }
      throw toKafkaError(error);
    }
  }

  async deleteConsumerGroup(groupId: string): Promise<GroupChangeResult> {
    try {
      await this.client.admin.deleteGroups({ groups: [groupId] });
      return 'DONE';
    } catch (error) {
      if (hasProtocolError(error, 'NON_EMPTY_GROUP')) {
        return 'GROUP_NOT_EMPTY';
      }
      if (hasProtocolError(error, 'GROUP_ID_NOT_FOUND')) {
        return 'GROUP_NOT_FOUND';
      }
      throw toKafkaError(error);
    }
  }

  /** Describes groups on their coordinators; groups that turn out not to exist are left out. */
  private async describe(groups: GroupToDescribe[]): Promise<ConsumerGroupDescription[]> {
    const coordinators = await this.client.coordinators(groups.map((g) => g.groupId));
    const byCoordinator = new Map<
      number,
      { coordinator: GroupCoordinator; groups: GroupToDescribe[] }
    >();
    for (const group of groups) {
      const coordinator = coordinators.get(group.groupId);
      if (coordinator === undefined) {
        continue;
      }
      const entry = byCoordinator.get(coordinator.nodeId) ?? { coordinator, groups: [] };
      entry.groups.push(group);
      byCoordinator.set(coordinator.nodeId, entry);
    }
    const described = await Promise.all(
      [...byCoordinator.values()].map(({ coordinator, groups: onNode }) =>
        this.client
          .onBroker(coordinator, (connection) =>
            this.describeOn(connection, coordinator.nodeId, onNode),
          )
          .catch((error: unknown) => {
            throw toKafkaError(error);
          }),
      ),
    );
    return described.flat();
  }

  /**
   * As Kafka's admin client: ConsumerGroupDescribe first (KIP-848 groups), and DescribeGroups
   * for the groups it does not know as consumer groups (classic groups, unknown ids).
   */
  private async describeOn(
    connection: Connection,
    coordinatorId: number,
    groups: GroupToDescribe[],
  ): Promise<ConsumerGroupDescription[]> {
    const result: ConsumerGroupDescription[] = [];
    let classic = groups.filter((g) => g.type === 'CLASSIC').map((g) => g.groupId);
    const maybeConsumer = groups.filter((g) => g.type !== 'CLASSIC').map((g) => g.groupId);
    if (maybeConsumer.length > 0 && (await this.client.supportsConsumerGroupDescribe(connection))) {
      const response = await consumerGroupDescribeV1.async(connection, maybeConsumer);
      for (const group of response.groups) {
        if (group.errorCode === 0) {
          result.push(fromConsumerGroup(group, coordinatorId));
        } else if (group.errorCode === GROUP_ID_NOT_FOUND) {
          classic.push(group.groupId);
        } else if (group.errorCode !== GROUP_AUTHORIZATION_FAILED || groups.length === 1) {
          throw new ProtocolError(group.errorCode, group.errorMessage);
        }
      }
    } else {
      classic = classic.concat(maybeConsumer);
    }
    if (classic.length > 0) {
      const described = await describeClassic(connection, classic, groups.length === 1);
      for (const group of described) {
        const description = fromClassicGroup(group, coordinatorId);
        if (description !== undefined) {
          result.push(description);
        }
      }
    }
    return result;
  }
}

/**
 * DescribeGroups v5. In a list, groups the caller may not describe are skipped, as kafka-rest
 * does; for a single group the authorization error is the answer.
 */
async function describeClassic(
  connection: Connection,
  groupIds: string[],
  single: boolean,
): Promise<describeGroupsV5.DescribeGroupsResponseGroup[]> {
  try {
    return (await describeGroupsV5.api.async(connection, groupIds, false)).groups;
  } catch (error) {
    const response = (error as { response?: describeGroupsV5.DescribeGroupsResponse }).response;
    const others = response?.groups.filter(
      (g) => g.errorCode !== 0 && g.errorCode !== GROUP_AUTHORIZATION_FAILED,
    );
    if (single || response === undefined || (others?.length ?? 0) > 0) {
      throw error;
    }
    return response.groups.filter((g) => g.errorCode === 0);
  }
}
