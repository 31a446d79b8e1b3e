#!/usr/bin/env node
// Consume benchmark: one broker, one run. Each gateway read path is measured against a direct
// kafkajs consumer reading the same topic, then the memory of idle v2 consumer instances.
//   npm run bench:consume            (builds the gateway first)
// Env: BENCH_RECORDS (300000), BENCH_VALUE_BYTES (200), BENCH_PARTITIONS (3),
//      BENCH_IDLE_CONSUMERS (100), KAFKA_BOOTSTRAP_SERVERS (default: the gateway's local broker).
import http from 'node:http';
// eslint-disable-next-line no-restricted-imports -- the bench compares the gateway with a direct kafkajs consumer
import { Kafka, logLevel } from 'kafkajs';
import { rssOf, startGateway, stopGateway } from './consume-gateway.mjs';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const VALUE_BYTES = Number(process.env.BENCH_VALUE_BYTES ?? 200);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 3);
const IDLE_CONSUMERS = Number(process.env.BENCH_IDLE_CONSUMERS ?? 100);
const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';

const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const mib = (b) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  }
  return res.status === 204 ? undefined : res.json();
}

async function fill(kafka, topic) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const value = 'x'.repeat(VALUE_BYTES);
  for (let i = 0; i < RECORDS; i += 5_000) {
    const n = Math.min(5_000, RECORDS - i);
    await producer.send({
      topic,
      messages: Array.from({ length: n }, (_, j) => ({
        key: `k${i + j}`,
        value,
        partition: (i + j) % PARTITIONS,
      })),
    });
  }
  await producer.disconnect();
}

/**
 * What every reader does with a record, so both sides do the same end-to-end work: the direct
 * consumer decodes key and value bytes to strings; gateway clients parse the JSON the gateway
 * sent (done by the caller) and decode the base64 key and value the same way.
 */
let sink = 0;
const useBytes = (key, value) => {
  sink += (key?.toString('utf8').length ?? 0) + (value?.toString('utf8').length ?? 0);
};
const fromBase64 = (data) =>
  data === null || data === undefined ? null : Buffer.from(data, 'base64');
/** v2 binary records: key and value are base64 strings. */
const useV2 = (r) => useBytes(fromBase64(r.key), fromBase64(r.value));
/** v3 records: key and value are {type: 'BINARY', data: base64}. */
const useV3 = (r) => useBytes(fromBase64(r.key?.data), fromBase64(r.value?.data));

/** The reference: kafkajs reading the whole topic from the beginning, decoding each record. */
async function kafkajsConsume(kafka, topic) {
  const consumer = kafka.consumer({
    groupId: `bench-kafkajs-${Date.now()}`,
    maxBytes: 8 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const started = Date.now();
  let count = 0;
  await new Promise((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          useBytes(message.key, message.value);
        }
        count += batch.messages.length;
        if (count >= RECORDS) {
          resolve();
        }
      },
    });
  });
  const seconds = (Date.now() - started) / 1000;
  await consumer.disconnect();
  return RECORDS / seconds;
}

async function v2Fetch(baseUrl, topic) {
  const group = `bench-v2-${Date.now()}`;
  const created = await json(`${baseUrl}/consumers/${group}`, {
    method: 'POST',
    headers: { 'content-type': V2 },
    body: JSON.stringify({
      format: 'binary',
      'auto.offset.reset': 'earliest',
      'auto.commit.enable': 'false',
    }),
  });
  const base = `${baseUrl}/consumers/${group}/instances/${created.instance_id}`;
  const partitions = Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition }));
  await json(`${base}/assignments`, {
    method: 'POST',
    headers: { 'content-type': V2 },
    body: JSON.stringify({ partitions }),
  });
  const started = Date.now();
  let count = 0;
  while (count < RECORDS) {
    const records = await json(`${base}/records?timeout=1000&max_bytes=${8 * 1024 * 1024}`, {
      headers: { accept: BINARY },
    });
    records.forEach(useV2);
    count += records.length;
  }
  const seconds = (Date.now() - started) / 1000;
  await fetch(base, { method: 'DELETE' });
  return RECORDS / seconds;
}

async function v3Stateless(baseUrl, clusterId, topic) {
  const started = Date.now();
  const perPartition = await Promise.all(
    Array.from({ length: PARTITIONS }, async (_, p) => {
      let offset = 0;
      let count = 0;
      const expected = Math.floor(RECORDS / PARTITIONS) + (p < RECORDS % PARTITIONS ? 1 : 0);
      while (count < expected) {
        const body = await json(
          `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/partitions/${p}/records?offset=${offset}&max_records=10000&max_bytes=${8 * 1024 * 1024}&timeout_ms=1000`,
        );
        body.data.forEach(useV3);
        count += body.data.length;
        offset = body.next_offset;
      }
      return count;
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return perPartition.reduce((a, b) => a + b, 0) / seconds;
}

function sse(baseUrl, clusterId, topic) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let count = 0;
    let tail = '';
    const req = http.get(
      `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest`,
      { headers: { accept: 'text/event-stream' } },
      (res) => {
        res.setEncoding('utf8');
        // As an EventSource client: split events, parse each record event's data.
        res.on('data', (chunk) => {
          const events = (tail + chunk).split('\n\n');
          tail = events.pop();
          for (const event of events) {
            const at = event.indexOf('\nevent: record\ndata: ');
            if (at >= 0) {
              useV3(JSON.parse(event.slice(at + 21)));
              count++;
            }
          }
          if (count >= RECORDS) {
            const seconds = (Date.now() - started) / 1000;
            req.destroy();
            resolve(RECORDS / seconds);
          }
        });
      },
    );
    req.on('error', (e) => (count >= RECORDS ? undefined : reject(e)));
  });
}

/** On a fresh gateway process (same broker), so the read phases above do not count. */
async function idleConsumers(bootstrap, topic) {
  const gateway = await startGateway({ KAFKA_BOOTSTRAP_SERVERS: bootstrap });
  try {
    return await createIdle(gateway, topic);
  } finally {
    await stopGateway(gateway);
  }
}

async function createIdle(gateway, topic) {
  await json(`${gateway.baseUrl}/v3/clusters`);
  const before = rssOf(gateway.child.pid);
  const group = `bench-idle-${Date.now()}`;
  for (let i = 0; i < IDLE_CONSUMERS; i++) {
    const created = await json(`${gateway.baseUrl}/consumers/${group}-${i}`, {
      method: 'POST',
      headers: { 'content-type': V2 },
      body: JSON.stringify({ format: 'binary', 'auto.offset.reset': 'latest' }),
    });
    const base = `${gateway.baseUrl}/consumers/${group}-${i}/instances/${created.instance_id}`;
    await json(`${base}/subscription`, {
      method: 'POST',
      headers: { 'content-type': V2 },
      body: JSON.stringify({ topics: [topic] }),
    });
    // One poll: joins the group and opens the fetch connections, as a live client would.
    await json(`${base}/records?timeout=100`, { headers: { accept: BINARY } });
  }
  await new Promise((r) => setTimeout(r, 3_000));
  return { before, after: rssOf(gateway.child.pid) };
}

async function main() {
  const gateway = await startGateway();
  try {
    const kafka = new Kafka({
      clientId: 'consume-bench',
      brokers: gateway.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
    });
    const clusterId = (await json(`${gateway.baseUrl}/v3/clusters`)).data[0].cluster_id;
    const topic = `bench-consume-${Date.now().toString(36)}`;
    console.log(`gateway ${gateway.baseUrl}, broker ${gateway.bootstrap}`);
    console.log(
      `filling ${topic}: ${fmt(RECORDS)} records of ${VALUE_BYTES} B over ${PARTITIONS} partitions`,
    );
    await fill(kafka, topic);

    const rows = [];
    for (const [name, run] of [
      ['v2 fetch (GET records)', () => v2Fetch(gateway.baseUrl, topic)],
      ['v3 stateless read', () => v3Stateless(gateway.baseUrl, clusterId, topic)],
      ['v3 SSE stream', () => sse(gateway.baseUrl, clusterId, topic)],
    ]) {
      const direct = await kafkajsConsume(kafka, topic);
      const viaGateway = await run();
      rows.push({ name, direct, viaGateway });
      console.log(
        `${name}: ${fmt(viaGateway)} rec/s, kafkajs ${fmt(direct)} rec/s, ratio ${(viaGateway / direct).toFixed(2)}x`,
      );
    }
    const idle = await idleConsumers(gateway.bootstrap, topic);
    console.log('\n| scenario | gateway rec/s | direct kafkajs rec/s | ratio (target >= 0.8x) |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${fmt(r.viaGateway)} | ${fmt(r.direct)} | ${(r.viaGateway / r.direct).toFixed(2)}x |`,
      );
    }
    console.log(`\ndecoded ${fmt(sink)} characters of keys and values in all`);
    console.log(
      `\nRSS with ${IDLE_CONSUMERS} idle v2 consumers: ${mib(idle.after)} total ` +
        `(${mib(idle.before)} before them; target <= 300 MiB total)`,
    );
  } finally {
    await stopGateway(gateway);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
