#!/usr/bin/env node
// Soak: produce, consume and admin traffic against one gateway for a bounded time, printing the
// gateway's RSS and the error counts over the run.
//   npm run bench:soak              (builds the gateway first)
// Env: SOAK_SECONDS (60), SOAK_REPORT_SECONDS (5), SOAK_PRODUCERS (4: concurrent single-record
//      POST loops), SOAK_STREAM_RATE (500: records/s on one streaming produce connection),
//      SOAK_MAX_RSS_GROWTH_MB (fail above it; default: report only),
//      KAFKA_BOOTSTRAP_SERVERS (default: the gateway starts its local broker),
//      GATEWAY_LOG_LEVEL (default: warn).
// Exits 1 if any request failed (or RSS grew past SOAK_MAX_RSS_GROWTH_MB), 0 otherwise.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { startGateway, stopGateway } from './lib/gateway-process.mjs';
import { fmt, mb } from './lib/stats.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const REPORT_SECONDS = Number(process.env.SOAK_REPORT_SECONDS ?? 5);
const PRODUCERS = Number(process.env.SOAK_PRODUCERS ?? 4);
const STREAM_RATE = Number(process.env.SOAK_STREAM_RATE ?? 500);
const MAX_RSS_GROWTH_MB =
  process.env.SOAK_MAX_RSS_GROWTH_MB === undefined
    ? undefined
    : Number(process.env.SOAK_MAX_RSS_GROWTH_MB);
const PARTITIONS = 3;
const V2 = 'application/vnd.kafka.v2+json';
const BINARY_V2 = 'application/vnd.kafka.binary.v2+json';

/** Successes and failures per kind of traffic; failures also by their status or error code. */
class Counters {
  constructor() {
    this.ok = new Map();
    this.failed = new Map();
    this.reasons = new Map();
  }

  success(kind, n = 1) {
    this.ok.set(kind, (this.ok.get(kind) ?? 0) + n);
  }

  failure(kind, reason) {
    this.failed.set(kind, (this.failed.get(kind) ?? 0) + 1);
    const key = `${kind}: ${String(reason).slice(0, 160)}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  get errors() {
    let sum = 0;
    this.failed.forEach((n) => (sum += n));
    return sum;
  }

  snapshot() {
    return { ok: new Map(this.ok), failed: new Map(this.failed) };
  }
}

const counters = new Counters();
let running = true;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One HTTP call; answers the parsed body, counting a failure (and answering undefined) otherwise. */
async function call(kind, url, init = {}, okStatuses = [200]) {
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    if (!okStatuses.includes(res.status)) {
      counters.failure(kind, `${res.status} ${text}`);
      return undefined;
    }
    counters.success(kind);
    return text === '' ? {} : JSON.parse(text);
  } catch (error) {
    counters.failure(kind, error.cause?.code ?? error.message);
    return undefined;
  }
}

const json = (body, contentType = 'application/json') => ({
  method: 'POST',
  headers: { 'content-type': contentType },
  body: JSON.stringify(body),
});

async function loop(body) {
  while (running) {
    await body();
  }
}

// ---- produce ----

function singleRecordProducer(base) {
  let i = 0;
  return loop(async () => {
    const receipt = await call(
      'produce single',
      `${base}/records`,
      json({ key: { type: 'STRING', data: `k${i}` }, value: { type: 'STRING', data: `v${i++}` } }),
    );
    if (receipt !== undefined && receipt.error_code !== 200) {
      counters.failure('produce single (receipt)', `${receipt.error_code} ${receipt.message}`);
    }
  });
}

function batchProducer(base) {
  let i = 0;
  return loop(async () => {
    const entries = Array.from({ length: 10 }, () => ({
      id: String(i),
      value: { type: 'JSON', data: { n: i++ } },
    }));
    const answer = await call('produce batch', `${base}/records:batch`, json({ entries }), [207]);
    for (const failure of answer?.failures ?? []) {
      counters.failure('produce batch (entry)', `${failure.error_code} ${failure.message}`);
    }
    await sleep(20);
  });
}

function v2Producer(baseUrl, topic) {
  let i = 0;
  return loop(async () => {
    const records = Array.from({ length: 5 }, () => ({
      value: Buffer.from(`v2-${i++}`).toString('base64'),
    }));
    const answer = await call(
      'produce v2',
      `${baseUrl}/topics/${topic}`,
      json({ records }, BINARY_V2),
    );
    for (const o of answer?.offsets ?? []) {
      if (o.error_code !== null) {
        counters.failure('produce v2 (record)', `${o.error_code} ${o.error}`);
      }
    }
    await sleep(20);
  });
}

/** One long streaming produce (full duplex) at `rate` records/s; reopened if it ends. */
async function streamingProducer(base) {
  while (running) {
    await new Promise((resolve) => {
      const req = request(`${base}/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      let sent = 0;
      let received = 0;
      req.on('error', (error) => {
        counters.failure('produce stream', error.code ?? error.message);
        resolve();
      });
      req.on('response', (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (text) => {
          buffer += text;
          let index;
          while ((index = buffer.indexOf('\r\n')) >= 0) {
            const line = buffer.slice(0, index);
            buffer = buffer.slice(index + 2);
            received++;
            if (line.startsWith('{"error_code":200,')) {
              counters.success('produce stream');
            } else {
              counters.failure('produce stream (receipt)', line);
            }
          }
        });
        res.on('end', () => {
          if (received < sent) {
            counters.failure('produce stream', `${sent - received} records without a receipt`);
          }
          resolve();
        });
      });
      const perTick = Math.max(1, Math.round(STREAM_RATE / 50));
      const timer = setInterval(() => {
        if (!running) {
          clearInterval(timer);
          req.end();
          return;
        }
        let chunk = '';
        for (let k = 0; k < perTick; k++) {
          chunk += JSON.stringify({ value: { type: 'STRING', data: `s${sent++}` } });
        }
        req.write(chunk);
      }, 20);
    });
  }
}

// ---- consume ----

async function v2Consumer(baseUrl, topic) {
  const group = `soak-v2-${Date.now().toString(36)}`;
  const created = await call(
    'consume v2',
    `${baseUrl}/consumers/${group}`,
    json({ 'auto.offset.reset': 'earliest', 'auto.commit.enable': 'false' }, V2),
  );
  if (created === undefined) {
    return;
  }
  const instance = new URL(created.base_uri).pathname;
  await call(
    'consume v2',
    `${baseUrl}${instance}/subscription`,
    json({ topics: [topic] }, V2),
    [204],
  );
  await loop(async () => {
    try {
      const res = await fetch(`${baseUrl}${instance}/records?timeout=500&max_bytes=1000000`, {
        headers: { accept: BINARY_V2 },
      });
      const text = await res.text();
      if (res.status !== 200) {
        counters.failure('consume v2', `${res.status} ${text}`);
        return;
      }
      counters.success('consume v2 records', JSON.parse(text).length);
    } catch (error) {
      counters.failure('consume v2', error.message);
      return;
    }
    await call('consume v2 commit', `${baseUrl}${instance}/offsets`, {
      method: 'POST',
      headers: { 'content-type': V2 },
    });
  });
  await call(
    'consume v2',
    `${baseUrl}${instance}`,
    { method: 'DELETE', headers: { 'content-type': V2 } },
    [204],
  );
}

/** Stateless v3 reads that follow each partition forward. */
function v3Reader(base) {
  const next = new Map();
  let partition = 0;
  return loop(async () => {
    partition = (partition + 1) % PARTITIONS;
    const offset = next.get(partition) ?? 0;
    const page = await call(
      'consume v3 read',
      `${base}/partitions/${partition}/records?offset=${offset}&max_records=500&timeout_ms=200`,
    );
    if (page !== undefined) {
      next.set(partition, page.next_offset);
      counters.success('consume v3 read records', page.data.length);
    }
  });
}

/** One SSE stream from the earliest offsets, reconnecting with Last-Event-ID if it ends. */
async function sseReader(base) {
  let lastEventId;
  while (running) {
    await new Promise((resolve) => {
      const headers = { accept: 'text/event-stream' };
      if (lastEventId !== undefined) {
        headers['last-event-id'] = lastEventId;
      }
      const req = request(`${base}/records:stream?from=earliest&format=string`, { headers });
      const stop = setInterval(() => {
        if (!running) {
          clearInterval(stop);
          req.destroy();
          resolve();
        }
      }, 100);
      req.on('error', (error) => {
        if (running) {
          counters.failure('consume sse', error.code ?? error.message);
        }
        clearInterval(stop);
        resolve();
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          counters.failure('consume sse', `status ${res.statusCode}`);
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (text) => {
          buffer += text;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes('event: record')) {
              counters.success('consume sse records');
              lastEventId = /^id: (.*)$/m.exec(block)?.[1] ?? lastEventId;
            } else if (block.includes('event: error')) {
              counters.failure('consume sse', block);
            }
          }
        });
        res.on('end', () => {
          clearInterval(stop);
          resolve();
        });
      });
      req.end();
    });
  }
}

// ---- admin ----

function admin(baseUrl, clusterId, topic) {
  const v3 = `${baseUrl}/v3/clusters/${clusterId}`;
  let round = 0;
  return loop(async () => {
    round++;
    await call('admin', `${v3}`);
    await call('admin', `${v3}/topics`);
    await call('admin', `${v3}/topics/${topic}/configs`);
    await call('admin', `${v3}/topics/${topic}/partitions`);
    await call('admin', `${v3}/brokers`);
    await call('admin', `${v3}/consumer-groups`);
    await call(
      'admin',
      `${v3}/topics/${topic}/configs:alter`,
      json({ data: [{ name: 'retention.ms', value: String(3_600_000 + (round % 10)) }] }),
      [204],
    );
    if (round % 5 === 0) {
      const name = `soak-tmp-${round}-${Date.now().toString(36)}`;
      await call(
        'admin',
        `${v3}/topics`,
        json({ topic_name: name, partitions_count: 1, replication_factor: 1 }),
        [201],
      );
      await call('admin', `${v3}/topics/${name}`, { method: 'DELETE' }, [204]);
    }
    await sleep(100);
  });
}

// ---- report ----

function currentRss(pid) {
  try {
    return (
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
    );
  } catch {
    return 0;
  }
}

function rates(now, before, seconds) {
  const parts = [];
  for (const [kind, n] of now.ok) {
    const delta = n - (before.ok.get(kind) ?? 0);
    parts.push(`${kind} ${fmt(delta / seconds)}/s`);
  }
  return parts.join(', ');
}

async function main() {
  const gateway = await startGateway({
    GATEWAY_LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? 'warn',
  });
  const { baseUrl, bootstrap, rss, child } = gateway;
  const samples = [];
  try {
    const clusterId = (await (await fetch(`${baseUrl}/v3/clusters`)).json()).data[0].cluster_id;
    const topic = `soak-${Date.now().toString(36)}`;
    const created = await fetch(
      `${baseUrl}/v3/clusters/${clusterId}/topics`,
      json({ topic_name: topic, partitions_count: PARTITIONS, replication_factor: 1 }),
    );
    if (created.status !== 201) {
      throw new Error(`could not create ${topic}: ${created.status} ${await created.text()}`);
    }
    const base = `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}`;
    console.log(`soak: ${SECONDS} s against ${baseUrl} (broker ${bootstrap}), topic ${topic}`);
    console.log(
      `traffic: ${PRODUCERS} single-record producers, 1 stream at ${STREAM_RATE} records/s, ` +
        'batch and v2 producers, a v2 consumer, v3 reads, an SSE stream, admin calls',
    );
    samples.push({ t: 0, rss: currentRss(child.pid), errors: 0 });
    console.log(`  t=0s   RSS ${mb(samples[0].rss)} (before traffic)`);

    const workers = [
      ...Array.from({ length: PRODUCERS }, () => singleRecordProducer(base)),
      streamingProducer(base),
      batchProducer(base),
      v2Producer(baseUrl, topic),
      v2Consumer(baseUrl, topic),
      v3Reader(base),
      sseReader(base),
      admin(baseUrl, clusterId, topic),
    ];
    const started = Date.now();
    let before = counters.snapshot();
    while (Date.now() - started < SECONDS * 1000) {
      await sleep(Math.min(REPORT_SECONDS * 1000, SECONDS * 1000 - (Date.now() - started)));
      const t = (Date.now() - started) / 1000;
      const now = counters.snapshot();
      const sample = { t, rss: currentRss(child.pid), errors: counters.errors };
      samples.push(sample);
      console.log(
        `  t=${fmt(t)}s  RSS ${mb(sample.rss)}  errors ${sample.errors}  ${rates(now, before, REPORT_SECONDS)}`,
      );
      before = now;
    }
    running = false;
    await Promise.race([Promise.allSettled(workers), sleep(15_000)]);
  } finally {
    running = false;
    const peak = rss.highWaterMark();
    await stopGateway(gateway);
    report(samples, peak);
  }
}

function report(samples, peak) {
  const afterWarmup = samples.filter((s) => s.t > 0);
  const first = afterWarmup[0];
  const last = samples.at(-1);
  const growth = first && last ? last.rss - first.rss : 0;
  console.log('\nsummary');
  console.log(
    `  RSS: before traffic ${mb(samples[0]?.rss ?? 0)}, first sample ${mb(first?.rss ?? 0)}, ` +
      `last ${mb(last?.rss ?? 0)} (growth ${mb(growth)}), peak ${mb(peak)}`,
  );
  for (const [kind, n] of counters.ok) {
    console.log(`  ${kind}: ${fmt(n)} ok`);
  }
  console.log(`  errors: ${counters.errors}`);
  for (const [reason, n] of [...counters.reasons].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`    ${n} x ${reason}`);
  }
  const tooMuch = MAX_RSS_GROWTH_MB !== undefined && growth > MAX_RSS_GROWTH_MB * 1024 * 1024;
  if (tooMuch) {
    console.log(`  RSS grew by more than SOAK_MAX_RSS_GROWTH_MB=${MAX_RSS_GROWTH_MB}`);
  }
  process.exitCode = counters.errors > 0 || tooMuch ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
