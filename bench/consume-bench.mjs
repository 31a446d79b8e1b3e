#!/usr/bin/env node
// Consume benchmark: one broker, one run. Each gateway read path is measured against a direct
// kafkajs consumer reading the same topic (records/s, p50/p99 latency, peak RSS), then the
// memory of idle v2 consumer instances. See bench/README-consume.md.
//   npm run bench:consume            (builds the gateway first)
// Env: BENCH_RECORDS (300000), BENCH_VALUE_BYTES (200), BENCH_PARTITIONS (3),
//      BENCH_IDLE_CONSUMERS (100), BENCH_PROBES (300), BENCH_SCENARIOS (v2,v3,sse,idle,idle-read),
//      BENCH_GATEWAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/consume-prof"),
//      KAFKA_BOOTSTRAP_SERVERS (default: the gateway's local broker).
import { readFileSync } from 'node:fs';
import http from 'node:http';
// eslint-disable-next-line no-restricted-imports -- the bench compares the gateway with a direct kafkajs consumer
import { Kafka, logLevel } from 'kafkajs';
import { cpuMsOf, withCpu } from './lib/cpu.mjs';
import { startGateway, stopGateway } from './lib/gateway-process.mjs';
import { fmt, mb, percentile } from './lib/stats.mjs';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const VALUE_BYTES = Number(process.env.BENCH_VALUE_BYTES ?? 200);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 3);
const IDLE_CONSUMERS = Number(process.env.BENCH_IDLE_CONSUMERS ?? 100);
const PROBES = Number(process.env.BENCH_PROBES ?? 300);
const PROBE_INTERVAL_MS = 10;
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'v2,v3,sse,idle,idle-read').split(',');
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';

async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  }
  return res.status === 204 ? undefined : res.json();
}

async function createTopic(kafka, topic) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  await admin.disconnect();
}

async function fill(kafka, topic) {
  await createTopic(kafka, topic);
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

/** Peak RSS of this (load generator) process while the direct kafkajs consumer runs. */
class OwnRss {
  constructor() {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), 50);
  }
  sample() {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

const latency = (values) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });

/**
 * The reference: kafkajs reading the whole topic from the beginning, decoding each record.
 * Latency: each broker fetch round trip (kafkajs' FETCH instrumentation event).
 */
async function kafkajsConsume(kafka, topic) {
  const consumer = kafka.consumer({
    groupId: `bench-kafkajs-${Date.now()}`,
    maxBytes: 8 * 1024 * 1024,
  });
  const fetches = [];
  consumer.on(consumer.events.FETCH, (e) => fetches.push(e.payload.duration));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const rss = new OwnRss();
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  const peakRss = rss.stop();
  await consumer.disconnect();
  const cpuUsPerRecord = (used.user + used.system) / RECORDS;
  return { rate: RECORDS / seconds, ...latency(fetches), peakRss, cpuUsPerRecord };
}

/** Latency: each GET records round trip, from the request to its parsed body. */
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
  const trips = [];
  const started = Date.now();
  let count = 0;
  while (count < RECORDS) {
    const t0 = performance.now();
    const records = await json(`${base}/records?timeout=1000&max_bytes=${8 * 1024 * 1024}`, {
      headers: { accept: BINARY },
    });
    trips.push(performance.now() - t0);
    records.forEach(useV2);
    count += records.length;
  }
  const seconds = (Date.now() - started) / 1000;
  await fetch(base, { method: 'DELETE' });
  return { rate: RECORDS / seconds, ...latency(trips) };
}

/** Latency: each read's round trip, from the request to its parsed body. */
async function v3Stateless(baseUrl, clusterId, topic) {
  const trips = [];
  const started = Date.now();
  const perPartition = await Promise.all(
    Array.from({ length: PARTITIONS }, async (_, p) => {
      let offset = 0;
      let count = 0;
      const expected = Math.floor(RECORDS / PARTITIONS) + (p < RECORDS % PARTITIONS ? 1 : 0);
      while (count < expected) {
        const t0 = performance.now();
        const body = await json(
          `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/partitions/${p}/records?offset=${offset}&max_records=10000&max_bytes=${8 * 1024 * 1024}&timeout_ms=1000`,
        );
        trips.push(performance.now() - t0);
        body.data.forEach(useV3);
        count += body.data.length;
        offset = body.next_offset;
      }
      return count;
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return { rate: perPartition.reduce((a, b) => a + b, 0) / seconds, ...latency(trips) };
}

/**
 * An SSE stream of a topic, parsed as an EventSource client does (split events, parse each
 * record event's data). Calls onRecord(record, arrivedAtMs) until it returns true.
 */
function sseRecords(baseUrl, clusterId, topic, onStarted, onRecord) {
  return new Promise((resolve, reject) => {
    let tail = '';
    let done = false;
    const req = http.get(
      `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest`,
      { headers: { accept: 'text/event-stream' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          const now = Date.now();
          const events = (tail + chunk).split('\n\n');
          tail = events.pop();
          for (const event of events) {
            if (event === ': stream started') {
              onStarted();
              continue;
            }
            const at = event.indexOf('\nevent: record\ndata: ');
            if (at >= 0 && !done && onRecord(JSON.parse(event.slice(at + 21)), now)) {
              done = true;
              req.destroy();
              resolve();
            }
          }
        });
      },
    );
    req.on('error', (e) => (done ? undefined : reject(e)));
  });
}

/** Throughput of an SSE stream from the beginning of the filled topic. */
async function sse(baseUrl, clusterId, topic) {
  const started = Date.now();
  let count = 0;
  await sseRecords(
    baseUrl,
    clusterId,
    topic,
    () => undefined,
    (record) => {
      useV3(record);
      return ++count >= RECORDS;
    },
  );
  return { rate: RECORDS / ((Date.now() - started) / 1000) };
}

/**
 * Produce-to-delivery latency of a live reader: PROBES records sent one by one (each awaited,
 * PROBE_INTERVAL_MS apart) to a fresh topic the reader tails; latency = arrival - the record's
 * CREATE_TIME timestamp (set by the producer at send). Same producer and topic shape for both.
 */
async function probeLatency(kafka, topic, startReader) {
  await createTopic(kafka, topic);
  const producer = kafka.producer();
  await producer.connect();
  const latencies = [];
  let arrived;
  const all = new Promise((resolve) => (arrived = resolve));
  const onArrival = (timestampMs, nowMs) => {
    latencies.push(nowMs - timestampMs);
    if (latencies.length >= PROBES) {
      arrived();
    }
    return latencies.length >= PROBES;
  };
  const reader = await startReader(topic, onArrival);
  const value = 'x'.repeat(VALUE_BYTES);
  for (let i = 0; i < PROBES; i++) {
    await producer.send({ topic, messages: [{ key: `p${i}`, value, partition: i % PARTITIONS }] });
    await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
  }
  await Promise.race([
    all,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`only ${latencies.length}/${PROBES} probes`)), 30_000),
    ),
  ]);
  await reader.stop();
  await producer.disconnect();
  return latency(latencies);
}

/** A kafkajs consumer tailing a topic, running (first fetch sent) when it resolves. */
async function kafkajsTail(kafka, topic, onArrival) {
  const consumer = kafka.consumer({ groupId: `bench-probe-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const fetching = new Promise((resolve) => consumer.on(consumer.events.FETCH_START, resolve));
  void consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      const now = Date.now();
      useBytes(message.key, message.value);
      onArrival(Number(message.timestamp), now);
    },
  });
  await fetching;
  return { stop: () => consumer.disconnect() };
}

/** An SSE reader tailing a topic, streaming (positions set) when it resolves. */
async function sseTail(baseUrl, clusterId, topic, onArrival) {
  let started;
  const streaming = new Promise((resolve) => (started = resolve));
  const done = sseRecords(baseUrl, clusterId, topic, started, (record, now) => {
    useV3(record);
    return onArrival(Date.parse(record.timestamp), now);
  });
  await streaming;
  return { stop: () => done };
}

/**
 * On a fresh gateway process (same broker), so the read phases above do not count. `backlog`:
 * each instance starts at the earliest offset, so its one poll reads a page of the topic (with
 * the default max_bytes) and fetches the next ahead; the RSS is taken once they went idle.
 */
async function idleConsumers(bootstrap, topic, backlog) {
  const gateway = await startGateway({
    KAFKA_BOOTSTRAP_SERVERS: bootstrap,
    GATEWAY_LOG_LEVEL: 'warn',
  });
  try {
    return await createIdle(gateway, topic, backlog);
  } finally {
    await stopGateway(gateway);
  }
}

async function createIdle(gateway, topic, backlog) {
  await json(`${gateway.baseUrl}/v3/clusters`);
  const before = rssOf(gateway.child.pid);
  gateway.rss.phase();
  const group = `bench-idle-${Date.now()}`;
  for (let i = 0; i < IDLE_CONSUMERS; i++) {
    const created = await json(`${gateway.baseUrl}/consumers/${group}-${i}`, {
      method: 'POST',
      headers: { 'content-type': V2 },
      body: JSON.stringify({
        format: 'binary',
        'auto.offset.reset': backlog ? 'earliest' : 'latest',
      }),
    });
    const base = `${gateway.baseUrl}/consumers/${group}-${i}/instances/${created.instance_id}`;
    await json(`${base}/subscription`, {
      method: 'POST',
      headers: { 'content-type': V2 },
      body: JSON.stringify({ topics: [topic] }),
    });
    // One poll: joins the group and opens the fetch connections, as a live client would.
    await json(`${base}/records?timeout=${backlog ? 5_000 : 100}`, { headers: { accept: BINARY } });
  }
  // Past GATEWAY_V2_READ_AHEAD_IDLE_MS (5 s), when an idle instance drops its read-ahead.
  await new Promise((r) => setTimeout(r, backlog ? 8_000 : 3_000));
  return { before, after: rssOf(gateway.child.pid), peak: gateway.rss.phase() };
}

/** Resident memory of a process now, in bytes (Linux /proc). */
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const ms = (n) => fmt(n, 1);

async function main() {
  const gateway = await startGateway(
    { GATEWAY_LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? 'warn' },
    GATEWAY_NODE_ARGS,
  );
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

    const scenarios = [
      [
        'v2',
        'v2 fetch (GET records)',
        () => withCpu(RECORDS, () => v2Fetch(gateway.baseUrl, topic)),
      ],
      [
        'v3',
        'v3 stateless read',
        () => withCpu(RECORDS, () => v3Stateless(gateway.baseUrl, clusterId, topic)),
      ],
      [
        'sse',
        'v3 SSE stream',
        async () => ({
          ...(await withCpu(RECORDS, () => sse(gateway.baseUrl, clusterId, topic))),
          ...(await probeLatency(kafka, `${topic}-probe-sse`, (t, on) =>
            sseTail(gateway.baseUrl, clusterId, t, on),
          )),
        }),
        async () => ({
          ...(await withCpu(RECORDS, () => kafkajsConsume(kafka, topic))),
          ...(await probeLatency(kafka, `${topic}-probe-kafkajs`, (t, on) =>
            kafkajsTail(kafka, t, on),
          )),
        }),
      ],
    ].filter(([id]) => SCENARIOS.includes(id));
    // One unmeasured direct read first: the first read of the topic also warms the broker
    // (and this process's JIT), which would otherwise be charged to the first baseline only.
    await kafkajsConsume(kafka, topic);
    const rows = [];
    for (const [
      ,
      name,
      run,
      direct = () => withCpu(RECORDS, () => kafkajsConsume(kafka, topic)),
    ] of scenarios) {
      const baseline = await direct();
      gateway.rss.phase();
      const cpuBefore = cpuMsOf(gateway.child.pid);
      const measured = await run();
      // The SSE phase's probe tail adds BENCH_PROBES records' worth of (idle) CPU: negligible.
      const cpuUsPerRecord = ((cpuMsOf(gateway.child.pid) - cpuBefore) * 1000) / RECORDS;
      const viaGateway = { ...measured, peakRss: gateway.rss.phase(), cpuUsPerRecord };
      rows.push({ name, baseline, viaGateway });
      console.log(
        `${name}: ${fmt(viaGateway.rate)} rec/s (p50 ${ms(viaGateway.p50)} ms, p99 ${ms(viaGateway.p99)} ms), ` +
          `kafkajs ${fmt(baseline.rate)} rec/s (p50 ${ms(baseline.p50)} ms, p99 ${ms(baseline.p99)} ms), ` +
          `ratio ${(viaGateway.rate / baseline.rate).toFixed(2)}x`,
      );
    }
    const idle = SCENARIOS.includes('idle')
      ? await idleConsumers(gateway.bootstrap, topic, false)
      : undefined;
    const idleAfterRead = SCENARIOS.includes('idle-read')
      ? await idleConsumers(gateway.bootstrap, topic, true)
      : undefined;
    console.log(
      '\n| scenario | gateway rec/s | kafkajs rec/s | ratio (target >= 0.8x) | gateway p50 / p99 ms | kafkajs p50 / p99 ms | gateway peak RSS | load generator peak RSS (kafkajs) | gateway CPU µs/record | gateway client CPU µs/record | kafkajs CPU µs/record | machine cores busy, gateway / kafkajs run |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { name, baseline: b, viaGateway: g } of rows) {
      console.log(
        `| ${name} | ${fmt(g.rate)} | ${fmt(b.rate)} | ${(g.rate / b.rate).toFixed(2)}x | ` +
          `${ms(g.p50)} / ${ms(g.p99)} | ${ms(b.p50)} / ${ms(b.p99)} | ${mb(g.peakRss)} | ${mb(b.peakRss)} | ` +
          `${fmt(g.cpuUsPerRecord, 2)} | ${fmt(g.clientCpuUsPerRecord, 2)} | ${fmt(b.cpuUsPerRecord, 2)} | ` +
          `${fmt(g.machineCores, 2)} / ${fmt(b.machineCores, 2)} |`,
      );
    }
    console.log(`\ndecoded ${fmt(sink)} characters of keys and values in all`);
    if (idle !== undefined) {
      console.log(
        `\nRSS with ${IDLE_CONSUMERS} idle v2 consumers: ${mb(idle.after)} total ` +
          `(${mb(idle.before)} before them; target <= 300 MiB total)`,
      );
    }
    if (idleAfterRead !== undefined) {
      console.log(
        `RSS with ${IDLE_CONSUMERS} v2 consumers idle after each read a page of the backlog: ` +
          `${mb(idleAfterRead.after)} total (${mb(idleAfterRead.before)} before them, ` +
          `peak ${mb(idleAfterRead.peak)} while they read)`,
      );
    }
  } finally {
    await stopGateway(gateway);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
