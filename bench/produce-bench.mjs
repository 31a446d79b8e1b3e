#!/usr/bin/env node
// Produce benchmark: one broker, one run, three phases (see bench/README.md).
//   npm run bench:produce            (builds the gateway first)
// Env: BENCH_RECORDS (1000000), BENCH_VALUE_BYTES (200), BENCH_PARTITIONS (3),
//      BENCH_SINGLE_SECONDS (20), BENCH_CONNECTIONS (64), BENCH_BASELINE_BATCH (1000),
//      KAFKA_BOOTSTRAP_SERVERS (default: the gateway starts its local broker),
//      GATEWAY_LOG_LEVEL (default: warn, so the access log is off for both gateway phases),
//      BENCH_GATEWAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/produce-prof").
import autocannon from 'autocannon';
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
  const body = JSON.stringify({ value: { type: 'STRING', data: 'x'.repeat(VALUE_BYTES) } });
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        headers: { 'content-type': 'application/json' },
        body,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  const gateway = await startGateway(
    { GATEWAY_LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? 'warn' },
    GATEWAY_NODE_ARGS,
  );
  const results = {};
  try {
    const { baseUrl, bootstrap, rss } = gateway;
    const clusterId = (await json(`${baseUrl}/v3/clusters`)).data[0].cluster_id;
    const run = Date.now().toString(36);
    console.log(`gateway ${baseUrl}, broker ${bootstrap}, ${PARTITIONS} partitions per topic`);

    console.log(`\n[1/4] direct kafkajs producer: ${fmt(RECORDS)} records of ${VALUE_BYTES} B`);
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
      `[2/4] v3 streaming produce: ${fmt(RECORDS)} records of ${VALUE_BYTES} B, one request`,
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
      `[3/4] single-record POST: ${CONNECTIONS} keep-alive connections, ${SINGLE_SECONDS} s (+3 s warm-up)`,
    );
    const singleTopic = await newTopic(baseUrl, clusterId, `bench-single-${run}`);
    const url = `${baseUrl}/v3/clusters/${clusterId}/topics/${singleTopic}/records`;
    await singleRecordLoad(url, 3);
    const warmupStored = await topicRecordCount(bootstrap, singleTopic);
    rss.phase();
    const gatewayCpuMs = cpuMsOf(gateway.child.pid);
    const single = await withCpu(1, () => singleRecordLoad(url, SINGLE_SECONDS));
    const requests = single['2xx'] + single.non2xx;
    results.single = {
      gatewayCpuUs: ((cpuMsOf(gateway.child.pid) - gatewayCpuMs) * 1000) / requests,
      clientCpuUs: single.clientCpuUsPerRecord / requests,
      machineCores: single.machineCores,
      requestsPerSec: single.requests.average,
      p50: single.latency.p50,
      p99: single.latency.p99,
      ok: single['2xx'],
      non2xx: single.non2xx,
      errors: single.errors + single.timeouts,
      peakRss: rss.phase(),
      stored: (await topicRecordCount(bootstrap, singleTopic)) - warmupStored,
    };
    results.highWaterMark = rss.highWaterMark();
  } finally {
    await stopGateway(gateway);
  }
  console.log(
    `[4/4] HTTP ceiling: the same POSTs against a bare node:http server (no framework, no Kafka), ${SINGLE_SECONDS} s`,
  );
  const ceiling = await startHttpCeiling();
  try {
    const bare = await withCpu(1, () => singleRecordLoad(ceiling.url, SINGLE_SECONDS));
    results.ceiling = {
      clientCpuUs: bare.clientCpuUsPerRecord / (bare['2xx'] + bare.non2xx),
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

function report({ baseline, streaming, single, ceiling, highWaterMark }) {
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
  console.log(
    `| v3 single-record POST x${CONNECTIONS} | ${fmt(single.requestsPerSec)} | ${fmt(single.p50, 1)} | ${fmt(single.p99, 1)} | ${mb(single.peakRss)} | ${fmt(single.stored)} / ${fmt(single.ok)} |`,
  );
  console.log(
    `| bare node:http ceiling x${CONNECTIONS} (no Kafka) | ${fmt(ceiling.requestsPerSec)} | ${fmt(ceiling.p50, 1)} | ${fmt(ceiling.p99, 1)} | - | - |`,
  );
  console.log(`\nstreaming / baseline: ${fmt(ratio, 2)}x (target >= 0.8x)`);
  console.log(
    `single-record: ${fmt(single.requestsPerSec)} req/s (target >= 20,000), p99 ${fmt(single.p99, 1)} ms (target <= 25 ms)`,
  );
  console.log(
    `single-record / bare HTTP ceiling on this machine: ${fmt(single.requestsPerSec / ceiling.requestsPerSec, 2)}x`,
  );
  console.log(
    `single-record CPU per request: gateway ${fmt(single.gatewayCpuUs, 1)} µs, autocannon ${fmt(single.clientCpuUs, 1)} µs; ` +
      `machine cores busy ${fmt(single.machineCores, 2)} (bare ceiling: autocannon ${fmt(ceiling.clientCpuUs, 1)} µs, ${fmt(ceiling.machineCores, 2)} cores)`,
  );
  console.log(`gateway VmHWM over the run: ${mb(highWaterMark)}`);
  if (streaming.status !== 200 || streaming.ok !== RECORDS) {
    console.log(
      `streaming: HTTP ${streaming.status}, ${fmt(streaming.ok)} of ${fmt(RECORDS)} ok; first error: ${streaming.firstError}`,
    );
  }
  if (single.non2xx > 0 || single.errors > 0) {
    console.log(`single-record: ${single.non2xx} non-2xx, ${single.errors} errors/timeouts`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
