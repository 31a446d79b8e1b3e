// eslint-disable-next-line no-restricted-imports -- the baseline is a direct kafkajs producer
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { percentile } from './stats.mjs';

/**
 * The direct kafkajs baseline: one producer with the gateway's guarantees (idempotent,
 * acks=all, so one request in flight), sending `batch` records per send() call.
 */
export async function kafkajsBaseline({ bootstrap, topic, records, valueBytes, batch }) {
  const kafka = new Kafka({
    clientId: 'bench-baseline',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const value = Buffer.alloc(valueBytes, 'x');
  const latencies = [];
  const started = performance.now();
  for (let sent = 0; sent < records; sent += batch) {
    const count = Math.min(batch, records - sent);
    const messages = Array.from({ length: count }, () => ({ value }));
    const t0 = performance.now();
    await producer.send({ topic, acks: -1, messages });
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return {
    recordsPerSec: records / seconds,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Sum of the end offsets of a topic's partitions: how many records it holds. */
export async function topicRecordCount(bootstrap, topic) {
  const kafka = new Kafka({
    clientId: 'bench-count',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}
