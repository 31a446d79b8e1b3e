// eslint-disable-next-line no-restricted-imports -- tests read back what the gateway wrote with an independent client
import { Kafka, logLevel } from 'kafkajs';
import { uniqueName } from './unique-names';

export interface TopicRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
}

/**
 * Every record of every partition of a topic, up to the end offsets it has when called, read
 * by a kafkajs consumer of its own group (it follows partition leaders, so it works while a
 * broker of the cluster is down). Sorted by partition, then offset.
 */
export async function readTopic(
  bootstrap: string,
  topic: string,
  timeoutMs = 30_000,
): Promise<TopicRecord[]> {
  const kafka = new Kafka({
    clientId: 'test-topic-reader',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, number>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      if (Number(p.high) > Number(p.low)) {
        ends.set(p.partition, Number(p.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const records: TopicRecord[] = [];
  if (ends.size === 0) {
    return records;
  }
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 250 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const remaining = new Set(ends.keys());
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`readTopic(${topic}): partitions ${[...remaining].join(',')} unfinished`),
          ),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            const end = ends.get(batch.partition) ?? 0;
            for (const m of batch.messages) {
              const offset = Number(m.offset);
              if (offset < end) {
                records.push({
                  partition: batch.partition,
                  offset,
                  key: m.key?.toString('utf8') ?? null,
                  value: m.value?.toString('utf8') ?? null,
                });
              }
              if (offset + 1 >= end) {
                remaining.delete(batch.partition);
              }
            }
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
