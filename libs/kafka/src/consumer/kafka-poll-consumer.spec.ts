import { describe, expect, it } from 'vitest';
import { ConsumerClient, FetchedPartition } from './consumer-client';
import { ConsumedRecord, TopicPartitionOffset } from './consumer.types';
import { KafkaPollConsumer } from './kafka-poll-consumer';

const record = (partition: number, offset: number): ConsumedRecord => ({
  topic: 't',
  partition,
  offset,
  timestamp: 0,
  timestampType: 'CREATE_TIME',
  key: null,
  value: Buffer.from('v'),
  headers: [],
});

/**
 * The fetch side of a ConsumerClient: one leader; partition 0 has `available` records, partition
 * 1 none; every fetch's wait is recorded. Pure fetch scheduling, so a fake client is enough.
 */
function fakeClient(available: number) {
  const waits: number[] = [];
  const client = {
    coordinator: {},
    groupByLeader: (positions: TopicPartitionOffset[]) =>
      Promise.resolve(new Map([[1, positions]])),
    fetchFromLeader: (
      _leader: number,
      positions: TopicPartitionOffset[],
      limits: { maxWaitMs: number },
    ): Promise<FetchedPartition[]> => {
      waits.push(limits.maxWaitMs);
      return Promise.resolve(
        positions.map((p) => {
          const records =
            p.partition === 0
              ? Array.from({ length: Math.max(0, available - p.offset) }, (_, i) =>
                  record(0, p.offset + i),
                )
              : [];
          const nextOffset = p.offset + records.length;
          return {
            ...p,
            fetchOffset: p.offset,
            records,
            nextOffset,
            highWatermark: nextOffset,
            logStartOffset: 0,
          };
        }),
      );
    },
    close: () => Promise.resolve(),
  };
  return { client: client as unknown as ConsumerClient, waits };
}

describe('KafkaPollConsumer fetch scheduling', () => {
  it('long-polls only with nothing held: a fetch ahead must not make a partition running dry wait', async () => {
    const { client, waits } = fakeClient(5);
    const consumer = new KafkaPollConsumer(
      client,
      {
        groupId: 'g',
        clientId: 'c',
        autoOffsetReset: 'earliest',
        autoCommit: false,
        fetchMinBytes: 1,
      },
      () => Promise.resolve(['t']),
    );
    const partitions = [0, 1].map((partition) => ({ topic: 't', partition }));
    await consumer.assign(partitions);
    await consumer.seek(partitions.map((p) => ({ ...p, offset: 0 })));

    const first = await consumer.poll({ timeoutMs: 2_000, maxBytes: 1_000, maxRecords: 2 });
    expect(first.map((r) => r.offset)).toEqual([0, 1]);
    // Nothing was held for the first fetch: Kafka may hold it until records come.
    expect(waits[0]).toBeGreaterThan(0);
    await consumer.fetched();
    // The fetch ahead after that poll, with records 2-4 held: no waiting at Kafka.
    expect(waits.slice(1)).toEqual([0]);
    const rest = await consumer.poll({ timeoutMs: 2_000, maxBytes: 1_000 });
    expect(rest.map((r) => r.offset)).toEqual([2, 3, 4]);
    await consumer.close();
  });
});
