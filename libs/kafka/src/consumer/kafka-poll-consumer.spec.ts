import { describe, expect, it } from 'vitest';
import { ConsumerClient } from './consumer-client';
import { ConsumedRecord, TopicPartitionOffset } from './consumer.types';
import { FetchedPartition } from './fetched-partition';
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
function fakeClient(available: number, { honourWait = false } = {}) {
  const waits: number[] = [];
  const log = { available };
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
      // As Kafka: with nothing new, the answer comes when the fetch's wait ends.
      const nothingNew = positions.every((p) => p.partition !== 0 || p.offset >= log.available);
      const delay = honourWait && nothingNew ? limits.maxWaitMs : 0;
      return sleep(delay).then(() =>
        positions.map((p) => {
          const records =
            p.partition === 0
              ? Array.from({ length: Math.max(0, log.available - p.offset) }, (_, i) =>
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
  return { client: client as unknown as ConsumerClient, waits, log };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function assignedConsumer(client: ConsumerClient): Promise<KafkaPollConsumer> {
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
  return consumer;
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

  it('with minBytes, returns at once once the records held exceed it', async () => {
    const { client } = fakeClient(5, { honourWait: true });
    const consumer = await assignedConsumer(client);
    const started = Date.now();
    const records = await consumer.poll({ timeoutMs: 2_000, maxBytes: 1_000, minBytes: 4 });
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(Date.now() - started).toBeLessThan(1_000);
    await consumer.close();
  });

  it('with minBytes not reached, long-polls for more while holding records and returns them at the timeout', async () => {
    const { client, waits } = fakeClient(5, { honourWait: true });
    const consumer = await assignedConsumer(client);
    const started = Date.now();
    const records = await consumer.poll({ timeoutMs: 400, maxBytes: 1_000, minBytes: 100 });
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    // The fetches after the first, with records 0-4 held, still wait at Kafka for more.
    expect(waits.length).toBeGreaterThan(1);
    expect(waits.slice(1).every((w) => w > 0)).toBe(true);
    await consumer.close();
  });

  it('with minBytes, returns at once when maxBytes already stops the records held', async () => {
    const { client } = fakeClient(5, { honourWait: true });
    const consumer = await assignedConsumer(client);
    const started = Date.now();
    const records = await consumer.poll({ timeoutMs: 2_000, maxBytes: 3, minBytes: 100 });
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(Date.now() - started).toBeLessThan(1_000);
    await consumer.close();
  });

  it('upToDate: returns what Kafka holds when it begins, not only the records a fetch ahead found before', async () => {
    const { client, log } = fakeClient(2);
    const consumer = await assignedConsumer(client);
    const first = await consumer.poll({ timeoutMs: 1_000, maxBytes: 1_000, maxRecords: 1 });
    expect(first.map((r) => r.offset)).toEqual([0]);
    await consumer.fetched();
    // Record 1 is held; records 2-4 reach Kafka after the fetch ahead was answered.
    log.available = 5;
    const held = await consumer.poll({ timeoutMs: 1_000, maxBytes: 1_000 });
    expect(held.map((r) => r.offset)).toEqual([1]);
    await consumer.fetched();
    log.available = 9;
    const upToDate = await consumer.poll({ timeoutMs: 1_000, maxBytes: 1_000, upToDate: true });
    expect(upToDate.map((r) => r.offset)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    await consumer.close();
  });
});
