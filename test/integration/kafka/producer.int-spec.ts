import { Test, TestingModule } from '@nestjs/testing';
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KafkaError,
  KafkaModule,
  OutgoingRecord,
  RecordProducer,
  TopicAdmin,
} from '@gateway/kafka';
import { readRecords } from '../../support/read-records';
import { uniqueName } from '../../support/unique-names';

// Apache Kafka's own murmur2 test vectors (clients/src/test/.../utils/UtilsTest.java#testMurmur2),
// so the expected partitions do not come from the code under test.
const JAVA_MURMUR2: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

describe(RecordProducer.name, () => {
  const bootstrap = inject('kafkaBootstrap');
  let module: TestingModule;
  let producer: RecordProducer;
  let topics: TopicAdmin;

  beforeAll(async () => {
    module = await Test.createTestingModule({
      imports: [
        KafkaModule.forRootAsync({
          useFactory: () => ({
            bootstrapServers: bootstrap.split(','),
            clientId: 'producer-int-spec',
            connectionTimeoutMs: 3_000,
            requestTimeoutMs: 30_000,
          }),
        }),
      ],
    }).compile();
    await module.init();
    producer = module.get(RecordProducer);
    topics = module.get(TopicAdmin);
  });
  afterAll(async () => {
    await module.close();
  });

  async function newTopic(partitions: number, maxMessageBytes?: number): Promise<string> {
    const name = uniqueName('producer');
    await topics.createTopic({
      name,
      partitionsCount: partitions,
      replicationFactor: 1,
      configs:
        maxMessageBytes === undefined
          ? []
          : [{ name: 'max.message.bytes', value: String(maxMessageBytes) }],
    });
    return name;
  }

  function record(topic: string, overrides: Partial<OutgoingRecord> = {}): OutgoingRecord {
    return {
      topic,
      key: null,
      value: Buffer.from('v'),
      headers: [],
      timestamp: 1_700_000_000_000,
      ...overrides,
    };
  }

  it('puts keyed records on the partition the Java client picks', async () => {
    const partitions = 7;
    const topic = await newTopic(partitions);
    for (const [key, hash] of JAVA_MURMUR2) {
      const delivery = await producer.produce(record(topic, { key: Buffer.from(key) }));
      expect(delivery.partitionId, key).toBe((hash & 0x7fffffff) % partitions);
    }
  });

  it('writes key, value, timestamp and headers (order, duplicates, nulls) as given', async () => {
    const topic = await newTopic(1);
    const headers = [
      { name: 'b', value: Buffer.from('1') },
      { name: 'a', value: null },
      { name: 'b', value: Buffer.from('2') },
      { name: '1', value: Buffer.alloc(0) },
    ];
    const delivery = await producer.produce(
      record(topic, { key: Buffer.from('k'), value: null, headers, timestamp: 1_600_000_000_123 }),
    );
    expect(delivery).toEqual({ topic, partitionId: 0, offset: 0, timestamp: 1_600_000_000_123 });
    const { records } = await readRecords(bootstrap, topic, { count: 1 });
    expect(records).toEqual([
      {
        partition: 0,
        offset: 0,
        timestamp: 1_600_000_000_123,
        key: Buffer.from('k'),
        value: null,
        headers: [
          ['b', Buffer.from('1')],
          ['a', null],
          ['b', Buffer.from('2')],
          ['1', Buffer.alloc(0)],
        ],
      },
    ]);
  });

  it('coalesces concurrent records into few produce requests, in order', async () => {
    const topic = await newTopic(1);
    const deliveries = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        producer.produce(record(topic, { value: Buffer.from(`r${i}`) })),
      ),
    );
    expect(deliveries.map((d) => d.offset)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    const { records, batches } = await readRecords(bootstrap, topic, { count: 500 });
    expect(records.map((r) => r.value?.toString())).toEqual(
      Array.from({ length: 500 }, (_, i) => `r${i}`),
    );
    expect(batches).toBeLessThanOrEqual(5);
  });

  it('fails only the oversized record of a batch', async () => {
    const topic = await newTopic(1);
    const results = await Promise.allSettled([
      producer.produce(record(topic, { value: Buffer.from('small-1') })),
      producer.produce(record(topic, { value: Buffer.alloc(2 * 1024 * 1024) })),
      producer.produce(record(topic, { value: Buffer.from('small-2') })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const error = (results[1] as PromiseRejectedResult).reason as KafkaError;
    expect(error.kind).toBe('RECORD_TOO_LARGE');
    const { records } = await readRecords(bootstrap, topic, { count: 2 });
    expect(records.map((r) => r.value?.toString())).toEqual(['small-1', 'small-2']);
  });

  it('rejects an unknown topic at once with TOPIC_NOT_FOUND', async () => {
    const started = Date.now();
    await expect(producer.produce(record(uniqueName('missing')))).rejects.toMatchObject({
      kind: 'TOPIC_NOT_FOUND',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('settles each partition of a partly refused request on its own and keeps producing', async () => {
    const strict = await newTopic(1, 300);
    const normal = await newTopic(1);
    const results = await Promise.allSettled([
      producer.produce(record(normal, { value: Buffer.from('n1') })),
      producer.produce(record(strict, { value: Buffer.from('s1') })),
      producer.produce(record(strict, { value: Buffer.alloc(1_000) })),
      producer.produce(record(normal, { value: Buffer.from('n2') })),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(((results[2] as PromiseRejectedResult).reason as KafkaError).kind).toBe(
      'RECORD_TOO_LARGE',
    );
    // The producer was replaced after the refusal: later records must land, in order, once.
    const later = await Promise.all([
      producer.produce(record(normal, { value: Buffer.from('n3') })),
      producer.produce(record(strict, { value: Buffer.from('s2') })),
    ]);
    expect(later.map((d) => d.offset)).toEqual([2, 1]);
    const normalRecords = await readRecords(bootstrap, normal, { count: 3 });
    expect(normalRecords.records.map((r) => r.value?.toString())).toEqual(['n1', 'n2', 'n3']);
    const strictRecords = await readRecords(bootstrap, strict, { count: 2 });
    expect(strictRecords.records.map((r) => r.value?.toString())).toEqual(['s1', 's2']);
  });
});
