import { Injectable } from '@nestjs/common';
import { FetchIsolationLevels, ListOffsetTimestamps } from '@platformatic/kafka';
import { ClusterMetadata } from '../admin/cluster-metadata';
import { KafkaError, toKafkaError } from '../kafka-errors';
import { requireTopicsKnown } from '../platformatic-topics';
import { sortPartitions } from './classic-assignment';
import { listOffsetsFromLeaders } from './leader-list-offsets';
import { GroupsClient } from './groups-client';
import {
  GroupPartition,
  ListedPartitionOffset,
  OffsetIsolationLevel,
  PartitionLowWatermark,
  PartitionOffsetSpec,
} from './groups.types';
import { hasProtocolError } from './protocol-errors';

const OUT_OF_RANGE_MESSAGE = 'The offset to delete records before is beyond the high watermark.';

/** Partition offsets by time or position (ListOffsets) and log truncation (DeleteRecords). */
export abstract class OffsetAdmin {
  /** One answer per partition, sorted by topic and partition. The topics must exist. */
  abstract listOffsets(
    partitions: GroupPartition[],
    spec: PartitionOffsetSpec,
    isolation?: OffsetIsolationLevel,
  ): Promise<ListedPartitionOffset[]>;

  /**
   * Deletes the records before `offset` in each partition (-1: up to the high watermark) and
   * returns each partition's new low watermark, sorted by partition.
   */
  abstract deleteRecordsBefore(
    topic: string,
    offsets: { partition: number; offset: number }[],
  ): Promise<PartitionLowWatermark[]>;
}

@Injectable()
export class KafkaOffsetAdmin extends OffsetAdmin {
  constructor(
    private readonly client: GroupsClient,
    private readonly cluster: ClusterMetadata,
  ) {
    super();
  }

  async listOffsets(
    partitions: GroupPartition[],
    spec: PartitionOffsetSpec,
    isolation: OffsetIsolationLevel = 'READ_UNCOMMITTED',
  ): Promise<ListedPartitionOffset[]> {
    if (partitions.length === 0) {
      return [];
    }
    // Before 1970 means the first record: Kafka reads negative times as its sentinels
    // (-1 latest, -2 earliest, -3 the record with the largest timestamp).
    const timestamp =
      spec === 'EARLIEST'
        ? ListOffsetTimestamps.EARLIEST
        : spec === 'LATEST'
          ? ListOffsetTimestamps.LATEST
          : BigInt(Math.max(0, spec.timestamp));
    const byTopic = new Map<string, { partitionIndex: number; timestamp: bigint }[]>();
    for (const p of partitions) {
      const list = byTopic.get(p.topic) ?? [];
      list.push({ partitionIndex: p.partition, timestamp });
      byTopic.set(p.topic, list);
    }
    const requested = [...byTopic].map(([name, list]) => ({ name, partitions: list }));
    const topics = await this.client.run(async (admin) => {
      const known = (await admin.metadata({ topics: [...byTopic.keys()] })).topics;
      const [served, internal] = [
        requested.filter((t) => known.get(t.name) !== undefined),
        requested.filter((t) => known.get(t.name) === undefined),
      ];
      const answers = await Promise.all([
        served.length === 0
          ? []
          : admin.listOffsets({ topics: served, isolationLevel: FetchIsolationLevels[isolation] }),
        internal.length === 0
          ? []
          : listOffsetsFromLeaders(this.client, this.cluster, internal, isolation),
      ]);
      return answers.flat();
    });
    const listed = topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionIndex,
        // A timestamp after the last record finds nothing: Kafka answers offset -1.
        offset: p.offset < 0n ? null : Number(p.offset),
      })),
    );
    return sortPartitions(listed);
  }

  async deleteRecordsBefore(
    topic: string,
    offsets: { partition: number; offset: number }[],
  ): Promise<PartitionLowWatermark[]> {
    const partitions = offsets.map((o) => ({ partition: o.partition, offset: BigInt(o.offset) }));
    const admin = this.client.admin;
    await this.client.run(() =>
      requireTopicsKnown((names) => admin.metadata({ topics: names }), [topic]),
    );
    const deleted = await admin
      .deleteRecords({ topics: [{ name: topic, partitions }] })
      .catch((error: unknown) => {
        if (hasProtocolError(error, 'OFFSET_OUT_OF_RANGE')) {
          throw new KafkaError('BAD_REQUEST', OUT_OF_RANGE_MESSAGE, false);
        }
        throw toKafkaError(error);
      });
    return deleted
      .filter((t) => t.name === topic)
      .flatMap((t) => t.partitions)
      .map((p) => ({ partition: p.partition, lowWatermark: Number(p.lowWatermark) }))
      .sort((a, b) => a.partition - b.partition);
  }
}
