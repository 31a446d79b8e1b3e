#!/usr/bin/env node
// Produce benchmark: one broker, one run, five phases (see bench/README-produce.md).
//   npm run bench:produce            (builds the gateway first)
// Env: BENCH_RECORDS (1000000), BENCH_VALUE_BYTES (200), BENCH_PARTITIONS (3),
//      BENCH_SINGLE_SECONDS (20), BENCH_CONNECTIONS (64), BENCH_BASELINE_BATCH (1000),
//      KAFKA_BOOTSTRAP_SERVERS (default: the gateway starts its local broker),
//      GATEWAY_LOG_LEVEL (default: warn, so the access log is off for both gateway phases),
//      BENCH_GATEWAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/produce-prof").
import { autocannonInChild } from './lib/autocannon-process.mjs';
import { kafkajsBaseline, topicRecordCount } from './lib/baseline.mjs';
import { cpuMsOf, withCpu } from './lib/cpu.mjs';
import { startGateway, stopGateway } from './lib/gateway-process.mjs';
import { startHttpCeiling } from './lib/http-ceiling.mjs';
import { fmt, mb } from './lib/stats.mjs';
import { streamingProduce } from './lib/streaming-produce.mjs';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const VALUE_BYTES = Number(process.env.BENCH_VALUE_BYTES ?? 200);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 3);
const SINGLE_SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const BASELINE_BATCH = Number(process.env.BENCH_BASELINE_BATCH ?? 1000);
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
// Both gateway processes (phases 1-3 and 4) run with the same settings.
const GATEWAY_ENV = { GATEWAY_LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? 'warn' };

async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

async function newTopic(baseUrl, clusterId, name) {
  await json(`${baseUrl}/v3/clusters/${clusterId}/topics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ topic_name: name, partitions_count: PARTITIONS, replication_factor: 1 }),
  });
  return name;
}

function singleRecordLoad(url, seconds) {
  return autocannonInChild({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ value: { type: 'STRING', data: 'x'.repeat(VALUE_BYTES) } }),
  });
}

/** 3 s of unmeasured warm-up, then SINGLE_SECONDS of single-record POSTs to a new topic. */
async function singleRecordPhase(gateway, clusterId, topic) {
  const { baseUrl, bootstrap, rss } = gateway;
  await newTopic(baseUrl, clusterId, topic);
  const url = `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records`;
  await singleRecordLoad(url, 3);
  const warmupStored = await topicRecordCount(bootstrap, topic);
  rss.phase();
  const gatewayCpuMs = cpuMsOf(gateway.child.pid);
  const single = await withCpu(1, () => singleRecordLoad(url, SINGLE_SECONDS));
  const requests = single['2xx'] + single.non2xx;
  return {
    gatewayCpuUs: ((cpuMsOf(gateway.child.pid) - gatewayCpuMs) * 1000) / requests,
    clientCpuUs: single.cpuUs / requests,
    machineCores: single.machineCores,
    requestsPerSec: single.requests.average,
    p50: single.latency.p50,
    p99: single.latency.p99,
    ok: single['2xx'],
    non2xx: single.non2xx,
    errors: single.errors + single.timeouts,
    peakRss: rss.phase(),
    stored: (await topicRecordCount(bootstrap, topic)) - warmupStored,
  };
}

async function main() {
  const gateway = await startGateway(GATEWAY_ENV, GATEWAY_NODE_ARGS);
  const results = {};
  try {
    const { baseUrl, bootstrap, rss } = gateway;
    const clusterId = (await json(`${baseUrl}/v3/clusters`)).data[0].cluster_id;
    const run = Date.now().toString(36);
    console.log(`gateway ${baseUrl}, broker ${bootstrap}, ${PARTITIONS} partitions per topic`);

    console.log(`\n[1/5] direct kafkajs producer: ${fmt(RECORDS)} records of ${VALUE_BYTES} B`);
    rss.phase();
    const baseTopic = await newTopic(baseUrl, clusterId, `bench-baseline-${run}`);
    results.baseline = await kafkajsBaseline({
      bootstrap,
      topic: baseTopic,
      records: RECORDS,
      valueBytes: VALUE_BYTES,
      batch: BASELINE_BATCH,
    });
    results.baseline.stored = await topicRecordCount(bootstrap, baseTopic);

    console.log(
      `[2/5] v3 streaming produce: ${fmt(RECORDS)} records of ${VALUE_BYTES} B, one request`,
    );
    const streamTopic = await newTopic(baseUrl, clusterId, `bench-stream-${run}`);
    rss.phase();
    results.streaming = await streamingProduce({
      baseUrl,
      clusterId,
      topic: streamTopic,
      records: RECORDS,
      valueBytes: VALUE_BYTES,
      perChunk: 64,
    });
    results.streaming.peakRss = rss.phase();
    results.streaming.stored = await topicRecordCount(bootstrap, streamTopic);

    console.log(
      `[3/5] single-record POST: ${CONNECTIONS} keep-alive connections, ${SINGLE_SECONDS} s (+3 s warm-up), same gateway process`,
    );
    results.single = await singleRecordPhase(gateway, clusterId, `bench-single-${run}`);
    results.highWaterMark = rss.highWaterMark();

    console.log(
      `[4/5] single-record POST again, on a fresh gateway process (same broker): without the streaming phase's garbage and heap growth`,
    );
    const fresh = await startGateway(
      { ...GATEWAY_ENV, KAFKA_BOOTSTRAP_SERVERS: bootstrap },
      GATEWAY_NODE_ARGS,
    );
    try {
      results.freshSingle = await singleRecordPhase(fresh, clusterId, `bench-single-fresh-${run}`);
    } finally {
      await stopGateway(fresh);
    }
  } finally {
    await stopGateway(gateway);
  }
  console.log(
    `[5/5] HTTP ceiling: the same POSTs against a bare node:http server (no framework, no Kafka), ${SINGLE_SECONDS} s`,
  );
  const ceiling = await startHttpCeiling();
  try {
    const bare = await withCpu(1, () => singleRecordLoad(ceiling.url, SINGLE_SECONDS));
    results.ceiling = {
      clientCpuUs: bare.cpuUs / (bare['2xx'] + bare.non2xx),
      machineCores: bare.machineCores,
      requestsPerSec: bare.requests.average,
      p50: bare.latency.p50,
      p99: bare.latency.p99,
    };
  } finally {
    await ceiling.stop();
  }
  report(results);
}

function report({ baseline, streaming, single, freshSingle, ceiling, highWaterMark }) {
  const ratio = streaming.recordsPerSec / baseline.recordsPerSec;
  console.log(
    '\n| phase | records/s | p50 ms | p99 ms | gateway peak RSS | stored / acknowledged |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| kafkajs direct (send() of ${BASELINE_BATCH}) | ${fmt(baseline.recordsPerSec)} | ${fmt(baseline.p50, 1)} | ${fmt(baseline.p99, 1)} | - | ${fmt(baseline.stored)} / ${fmt(RECORDS)} |`,
  );
  console.log(
    `| v3 streaming (1 request) | ${fmt(streaming.recordsPerSec)} | ${fmt(streaming.p50, 1)} | ${fmt(streaming.p99, 1)} | ${mb(streaming.peakRss)} | ${fmt(streaming.stored)} / ${fmt(streaming.ok)} |`,
  );
  const singles = [
    ['after streaming, same process', single],
    ['fresh gateway process', freshSingle],
  ];
  for (const [label, s] of singles) {
    console.log(
      `| v3 single-record POST x${CONNECTIONS}, ${label} | ${fmt(s.requestsPerSec)} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${mb(s.peakRss)} | ${fmt(s.stored)} / ${fmt(s.ok)} |`,
    );
  }
  console.log(
    `| bare node:http ceiling x${CONNECTIONS} (no Kafka) | ${fmt(ceiling.requestsPerSec)} | ${fmt(ceiling.p50, 1)} | ${fmt(ceiling.p99, 1)} | - | - |`,
  );
  console.log(`\nstreaming / baseline: ${fmt(ratio, 2)}x (target >= 0.8x)`);
  for (const [label, s] of singles) {
    console.log(
      `single-record (${label}): ${fmt(s.requestsPerSec)} req/s (target >= 20,000), p99 ${fmt(s.p99, 1)} ms (target <= 25 ms), ` +
        `${fmt(s.requestsPerSec / ceiling.requestsPerSec, 2)}x the bare HTTP ceiling on this machine`,
    );
    console.log(
      `  CPU per request: gateway ${fmt(s.gatewayCpuUs, 1)} µs, autocannon ${fmt(s.clientCpuUs, 1)} µs; machine cores busy ${fmt(s.machineCores, 2)}`,
    );
    if (s.non2xx > 0 || s.errors > 0) {
      console.log(`  ${s.non2xx} non-2xx, ${s.errors} errors/timeouts`);
    }
  }
  console.log(
    `bare ceiling CPU per request: autocannon ${fmt(ceiling.clientCpuUs, 1)} µs; machine cores busy ${fmt(ceiling.machineCores, 2)}`,
  );
  console.log(`gateway VmHWM over phases 1-3 (first process): ${mb(highWaterMark)}`);
  if (streaming.status !== 200 || streaming.ok !== RECORDS) {
    console.log(
      `streaming: HTTP ${streaming.status}, ${fmt(streaming.ok)} of ${fmt(RECORDS)} ok; first error: ${streaming.firstError}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
