import { Injectable } from '@nestjs/common';
import {
  GroupAdmin,
  GroupPartition,
  GroupPartitionOffset,
  ListedPartitionOffset,
  OffsetAdmin,
  TopicAdmin,
} from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { groupPath } from './consumer-groups.mapper';
import { groupErrors } from './group-errors';
import { ConsumerGroupOffsetsResetData, ResetOffsetsRequest } from './offset-reset.dto';
import { newOffset, ResetInput, ResetNotApplicable } from './offset-reset.plan';

/**
 * Extension: kafka-consumer-groups.sh --reset-offsets over HTTP. Like the tool, it works only on
 * an inactive group (no members; a group id Kafka does not know yet is inactive too, so offsets
 * can be seeded before the first consumer starts).
 */
@Injectable()
export class OffsetResetService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly groups: GroupAdmin,
    private readonly offsets: OffsetAdmin,
    private readonly topics: TopicAdmin,
  ) {}

  async reset(
    clusterId: string,
    groupId: string,
    request: ResetOffsetsRequest,
    urls: ResourceUrls,
  ): Promise<ConsumerGroupOffsetsResetData> {
    await this.clusters.require(clusterId, groupErrors.clusterCouldNotBeFound);
    const group = await this.groups.describeConsumerGroup(groupId);
    if (group !== undefined && group.state !== 'EMPTY' && group.state !== 'DEAD') {
      throw groupErrors.groupNotEmpty(groupId, 'reset the offsets of');
    }
    const committed = await this.groups.committedOffsets(groupId);
    const partitions = await this.partitions(request, committed);
    const inputs = await this.inputs(partitions, committed, request);
    const planned = inputs.map((input) => ({ input, offset: plan(input, request) }));
    const dryRun = request.dry_run ?? false;
    if (!dryRun) {
      const result = await this.groups.commitOffsets(
        groupId,
        planned.map(({ input, offset }) => ({
          topic: input.topic,
          partition: input.partition,
          offset,
        })),
      );
      if (result === 'GROUP_NOT_EMPTY') {
        throw groupErrors.groupNotEmpty(groupId, 'reset the offsets of');
      }
    }
    const base = groupPath(clusterId, groupId);
    return {
      kind: 'KafkaConsumerGroupOffsetsReset',
      // urls.url would percent-encode the action's colon.
      metadata: { self: `${urls.url(...base)}/offsets:reset` },
      cluster_id: clusterId,
      consumer_group_id: groupId,
      strategy: request.strategy,
      dry_run: dryRun,
      offsets: planned.map(({ input, offset }) => ({
        topic_name: input.topic,
        partition_id: input.partition,
        previous_offset: input.current,
        new_offset: offset,
        partition: urls.related(
          'clusters',
          clusterId,
          'topics',
          input.topic,
          'partitions',
          input.partition,
        ),
        lag: urls.related(...base, 'lags', input.topic, 'partitions', input.partition),
      })),
    };
  }

  /** The requested partitions, checked against the topics; or every committed one. */
  private async partitions(
    request: ResetOffsetsRequest,
    committed: GroupPartitionOffset[],
  ): Promise<GroupPartition[]> {
    if (request.topics === undefined) {
      if (committed.length === 0) {
        throw groupErrors.offsetsNotFound();
      }
      return committed.map(({ topic, partition }) => ({ topic, partition }));
    }
    const result = new Map<string, GroupPartition>();
    for (const entry of request.topics) {
      const topic = await this.topics.describeTopic(entry.topic_name);
      const existing = topic.partitions.map((p) => p.partitionId);
      for (const partition of entry.partition_ids ?? existing) {
        if (!existing.includes(partition)) {
          throw new RestError('UNKNOWN_TOPIC_OR_PARTITION');
        }
        result.set(`${partition}:${topic.name}`, { topic: topic.name, partition });
      }
    }
    return [...result.values()].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
  }

  private async inputs(
    partitions: GroupPartition[],
    committed: GroupPartitionOffset[],
    request: ResetOffsetsRequest,
  ): Promise<ResetInput[]> {
    const [earliest, latest, atTimestamp] = await Promise.all([
      this.offsets.listOffsets(partitions, 'EARLIEST'),
      this.offsets.listOffsets(partitions, 'LATEST'),
      request.timestamp === undefined
        ? Promise.resolve(undefined)
        : this.offsets.listOffsets(partitions, { timestamp: Date.parse(request.timestamp) }),
    ]);
    const current = new Map(committed.map((c) => [key(c), c.offset]));
    const earliestOf = offsetsByPartition(earliest);
    const latestOf = offsetsByPartition(latest);
    const timestampOf = atTimestamp === undefined ? undefined : offsetsByPartition(atTimestamp);
    return partitions.map((p) => ({
      ...p,
      earliest: known(earliestOf, p),
      latest: known(latestOf, p),
      current: current.get(key(p)) ?? null,
      atTimestamp: timestampOf?.get(key(p)) ?? null,
    }));
  }
}

function plan(input: ResetInput, request: ResetOffsetsRequest): number {
  try {
    return newOffset(input, request);
  } catch (error) {
    if (error instanceof ResetNotApplicable) {
      throw RestError.badRequest(error.message);
    }
    throw error;
  }
}

function offsetsByPartition(listed: ListedPartitionOffset[]): Map<string, number | null> {
  return new Map(listed.map((l) => [key(l), l.offset]));
}

/** EARLIEST and LATEST always answer an offset for a partition that exists. */
function known(offsets: Map<string, number | null>, p: GroupPartition): number {
  const offset = offsets.get(key(p));
  if (offset === undefined || offset === null) {
    throw new Error(`Kafka listed no offset for partition ${p.partition} of '${p.topic}'`);
  }
  return offset;
}

function key(p: GroupPartition): string {
  return `${p.partition}:${p.topic}`;
}
