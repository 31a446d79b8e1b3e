import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  ConsumedRecord,
  KafkaPartitionReader,
  KafkaRecordConsumers,
  KafkaOptions,
  OffsetOutOfRangeError,
  PollConsumer,
  PollConsumerOptions,
  TopicAdmin,
} from '@gateway/kafka';
import {
  createFixtureTopic,
  disconnectFixtures,
  produceMany,
  produceRecords,
} from '../../support/produce-records';
import { uniqueName } from '../../support/unique-names';

const options: KafkaOptions = {
  bootstrapServers: inject('kafkaBootstrap').split(','),
  clientId: 'consumer-int-spec',
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 30_000,
};

const reader = new KafkaPartitionReader(options);
// Pattern subscriptions (the only use of TopicAdmin here) are covered by the e2e specs.
const consumers = new KafkaRecordConsumers(options, {} as TopicAdmin);
const opened: PollConsumer[] = [];

function consumer(overrides: Partial<PollConsumerOptions> = {}): PollConsumer {
  const c = consumers.create({
    groupId: uniqueName('group'),
    clientId: 'consumer-int-spec',
    autoOffsetReset: 'earliest',
    autoCommit: false,
    fetchMinBytes: 1,
    ...overrides,
  });
  opened.push(c);
  return c;
}

async function drain(
  c: PollConsumer,
  expected: number,
  maxRecords = 1_000,
): Promise<ConsumedRecord[]> {
  const all: ConsumedRecord[] = [];
  const deadline = Date.now() + 20_000;
  while (all.length < expected && Date.now() < deadline) {
    all.push(...(await c.poll({ timeoutMs: 500, maxBytes: 1_000_000, maxRecords })));
  }
  return all;
}

const values = (records: ConsumedRecord[]): string[] => records.map((r) => r.value!.toString());

afterAll(async () => {
  await Promise.allSettled(opened.map((c) => c.close()));
  await reader.onModuleDestroy();
  await disconnectFixtures();
});

describe(KafkaPartitionReader.name, () => {
  it('reads records with key, headers and timestamp from an offset and says where to continue', async () => {
    const topic = await createFixtureTopic(uniqueName('reader'));
    await produceRecords(topic, [
      { key: 'k0', value: 'v0', headers: { h: 'x' }, timestamp: 1_700_000_000_000 },
      { key: null, value: 'v1', timestamp: 1_700_000_001_000 },
      { key: 'k2', value: null, timestamp: 1_700_000_002_000 },
    ]);
    const read = await reader.read({
      topic,
      partition: 0,
      start: { offset: 1 },
      timeoutMs: 1_000,
      maxBytes: 1_000_000,
    });
    expect(read.nextOffset).toBe(3);
    expect(read.earliestOffset).toBe(0);
    expect(read.latestOffset).toBe(3);
    expect(read.records).toEqual([
      expect.objectContaining({
        offset: 1,
        key: null,
        value: Buffer.from('v1'),
        timestamp: 1_700_000_001_000,
        headers: [],
      }),
      expect.objectContaining({
        offset: 2,
        key: Buffer.from('k2'),
        value: null,
        timestamp: 1_700_000_002_000,
      }),
    ]);
    const first = await reader.read({
      topic,
      partition: 0,
      start: { offset: 0 },
      timeoutMs: 100,
      maxBytes: 1,
      maxRecords: 1,
    });
    expect(first.records).toHaveLength(1);
    expect(first.records[0].headers).toEqual([{ name: 'h', value: Buffer.from('x') }]);
    expect(first.records[0].timestampType).toBe('CREATE_TIME');
    expect(first.nextOffset).toBe(1);
  });

  it('starts at the first record at or after a timestamp', async () => {
    const topic = await createFixtureTopic(uniqueName('reader-ts'));
    await produceRecords(topic, [
      { value: 'a', timestamp: 1_000 },
      { value: 'b', timestamp: 2_000 },
      { value: 'c', timestamp: 3_000 },
    ]);
    const read = await reader.read({
      topic,
      partition: 0,
      start: { timestamp: 1_500 },
      timeoutMs: 100,
      maxBytes: 1_000_000,
    });
    expect(values(read.records)).toEqual(['b', 'c']);
  });

  it('waits up to the timeout at the end of the log and returns nothing', async () => {
    const topic = await createFixtureTopic(uniqueName('reader-end'));
    const started = Date.now();
    const read = await reader.read({
      topic,
      partition: 0,
      start: { offset: 0 },
      timeoutMs: 300,
      maxBytes: 1_000,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(read).toEqual({ records: [], nextOffset: 0, earliestOffset: 0, latestOffset: 0 });
  });

  it('rejects an offset past the end', async () => {
    const topic = await createFixtureTopic(uniqueName('reader-range'));
    await produceRecords(topic, [{ value: 'a' }]);
    await expect(
      reader.read({ topic, partition: 0, start: { offset: 5 }, timeoutMs: 100, maxBytes: 1_000 }),
    ).rejects.toEqual(new OffsetOutOfRangeError(5, 0, 1));
  });

  it('rejects an unknown topic as TOPIC_NOT_FOUND', async () => {
    await expect(
      reader.read({
        topic: uniqueName('missing'),
        partition: 0,
        start: { offset: 0 },
        timeoutMs: 100,
        maxBytes: 1_000,
      }),
    ).rejects.toMatchObject({ kind: 'TOPIC_NOT_FOUND' });
  });
});

describe(KafkaRecordConsumers.name, () => {
  it('polls an assigned partition in small slices without losing or repeating a record', async () => {
    const topic = await createFixtureTopic(uniqueName('poll'), 2);
    await produceMany(topic, 600, 2);
    const c = consumer();
    await c.assign([
      { topic, partition: 0 },
      { topic, partition: 1 },
    ]);
    const records = await drain(c, 600, 7);
    expect(records).toHaveLength(600);
    expect(new Set(values(records)).size).toBe(600);
    for (const p of [0, 1]) {
      const offsets = records.filter((r) => r.partition === p).map((r) => r.offset);
      expect(offsets).toEqual(Array.from({ length: 300 }, (_, i) => i));
    }
    expect(c.positions()).toEqual([
      { topic, partition: 0, offset: 300 },
      { topic, partition: 1, offset: 300 },
    ]);
  });

  it('seeks to an offset, the beginning, the end and a timestamp', async () => {
    const topic = await createFixtureTopic(uniqueName('seek'));
    await produceRecords(
      topic,
      [0, 1, 2, 3, 4].map((i) => ({ value: `v${i}`, timestamp: 10_000 + i * 1_000 })),
    );
    const c = consumer();
    const tp = { topic, partition: 0 };
    await c.assign([tp]);
    await c.seek([{ ...tp, offset: 3 }]);
    expect(values(await drain(c, 2))).toEqual(['v3', 'v4']);
    await c.seekToBeginning([tp]);
    expect(values(await drain(c, 5))).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    await c.seekToTimestamp([{ ...tp, timestamp: 12_500 }]);
    expect(values(await drain(c, 2))).toEqual(['v3', 'v4']);
    await c.seekToEnd([tp]);
    expect(await c.poll({ timeoutMs: 200, maxBytes: 1_000 })).toEqual([]);
    await produceRecords(topic, [{ value: 'v5' }]);
    expect(values(await drain(c, 1))).toEqual(['v5']);
  });

  it('refuses to seek a partition it does not own', async () => {
    const c = consumer();
    await expect(c.seek([{ topic: 'x', partition: 0, offset: 1 }])).rejects.toThrow(
      'No current assignment for partition x-0',
    );
  });

  it('commits positions and explicit offsets with metadata, and reads them back', async () => {
    const topic = await createFixtureTopic(uniqueName('commit'));
    await produceRecords(topic, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const c = consumer();
    const tp = { topic, partition: 0 };
    await c.assign([tp]);
    await drain(c, 3);
    expect(await c.commit()).toEqual([{ ...tp, offset: 3 }]);
    expect(await c.committed([tp])).toEqual([{ ...tp, offset: 3, metadata: '' }]);
    await c.commit([{ ...tp, offset: 1, metadata: 'm' }]);
    expect(await c.committed([tp])).toEqual([{ ...tp, offset: 1, metadata: 'm' }]);
  });

  it('resumes a group from its committed offsets, and splits partitions on rebalance with no gap or duplicate', async () => {
    const topic = await createFixtureTopic(uniqueName('group'), 4);
    await produceMany(topic, 400, 4);
    const groupId = uniqueName('group');
    const first = consumer({ groupId });
    await first.subscribe([topic]);
    const before = await drain(first, 100, 100);
    expect(before.length).toBeGreaterThanOrEqual(100);
    await first.commit();

    const second = consumer({ groupId });
    await second.subscribe([topic]);
    // Each member polls on its own, committing after every poll, as independent clients do;
    // the second one's first poll joins, the first one rejoins at its next poll.
    const seen = [...before];
    const bySecond: ConsumedRecord[] = [];
    let produced = false;
    const deadline = Date.now() + 40_000;
    const loop = async (member: PollConsumer, sink: ConsumedRecord[]): Promise<void> => {
      while (!(produced && seen.length >= 800) && Date.now() < deadline) {
        const records = await member.poll({ timeoutMs: 300, maxBytes: 1_000_000, maxRecords: 50 });
        seen.push(...records);
        sink.push(...records);
        await member.commit();
      }
    };
    const firstLoop = loop(first, []);
    const secondLoop = loop(second, bySecond);
    // Once both are members, produce more: the new records must be split between them.
    while (second.assignment().length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await produceMany(topic, 400, 4, (i) => `value-${400 + i}`);
    produced = true;
    await Promise.all([firstLoop, secondLoop]);
    expect(second.assignment()).toHaveLength(2);
    expect(first.assignment()).toHaveLength(2);
    expect(bySecond.length).toBeGreaterThan(0);
    expect(values(seen).sort()).toEqual(Array.from({ length: 800 }, (_, i) => `value-${i}`).sort());
  });
});
