// eslint-disable-next-line no-restricted-imports -- tests write fixtures directly to Kafka
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { inject } from 'vitest';

export interface FixtureRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  partition?: number;
  headers?: Record<string, string | Buffer>;
  /** Milliseconds since the epoch. */
  timestamp?: number;
}

let kafka: Kafka | undefined;
let producer: Promise<Producer> | undefined;

function client(): Kafka {
  kafka ??= new Kafka({
    clientId: 'test-fixtures',
    brokers: inject('kafkaBootstrap').split(','),
    logLevel: logLevel.NOTHING,
  });
  return kafka;
}

/** Creates a topic directly in Kafka (no gateway involved); returns its name. */
export async function createFixtureTopic(topic: string, partitions = 1): Promise<string> {
  const admin = client().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** Writes records to Kafka with kafkajs, in order, and returns their offsets per record. */
export async function produceRecords(
  topic: string,
  records: FixtureRecord[],
): Promise<{ partition: number; offset: number }[]> {
  producer ??= (async () => {
    const p = client().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await p.connect();
    return p;
  })();
  const p = await producer;
  const results: { partition: number; offset: number }[] = [];
  // One send per record keeps the returned offsets exact for each record.
  for (const r of records) {
    const [meta] = await p.send({
      topic,
      acks: -1,
      messages: [
        {
          key: r.key ?? null,
          value: r.value,
          partition: r.partition ?? 0,
          headers: r.headers,
          timestamp: r.timestamp !== undefined ? String(r.timestamp) : undefined,
        },
      ],
    });
    results.push({ partition: meta.partition, offset: Number(meta.baseOffset) });
  }
  return results;
}

/** Many small records at once (one batch per partition), for volume tests. */
export async function produceMany(
  topic: string,
  count: number,
  partitions = 1,
  valueOf: (i: number) => string = (i) => `value-${i}`,
): Promise<void> {
  producer ??= (async () => {
    const p = client().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await p.connect();
    return p;
  })();
  const p = await producer;
  const messages = Array.from({ length: count }, (_, i) => ({
    key: `key-${i}`,
    value: valueOf(i),
    partition: i % partitions,
  }));
  for (let i = 0; i < messages.length; i += 1000) {
    await p.send({ topic, acks: -1, messages: messages.slice(i, i + 1000) });
  }
}

/** Writes values to partition 0 in one transaction, then commits or aborts it. */
export async function produceTransaction(
  topic: string,
  values: string[],
  outcome: 'commit' | 'abort',
): Promise<void> {
  const p = client().producer({
    transactionalId: `fixture-tx-${topic}-${outcome}-${values.join(',')}`,
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await p.connect();
  try {
    const transaction = await p.transaction();
    await transaction.send({ topic, messages: values.map((value) => ({ value, partition: 0 })) });
    await (outcome === 'commit' ? transaction.commit() : transaction.abort());
  } finally {
    await p.disconnect();
  }
}

export async function disconnectFixtures(): Promise<void> {
  const p = producer;
  producer = undefined;
  await (await p)?.disconnect();
}

/** The group's committed offsets of a topic, summed over partitions (0 when none). */
export async function committedTotal(groupId: string, topic: string): Promise<number> {
  const admin = client().admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}
