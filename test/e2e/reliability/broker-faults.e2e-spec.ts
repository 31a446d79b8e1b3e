import type { LocalKafkaCluster } from '@gateway/local-broker';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstChunk } from '../../support/first-chunk';
import { listenTestApp, ListeningApp } from '../../support/listening-app';
import { readTopic } from '../../support/read-topic';
import { SseClient } from '../../support/sse-client';
import { StreamingClient } from '../../support/streaming-client';
import { TestContext } from '../../support/test-context';
import {
  createReplicatedTopic,
  leaderOf,
  restartAllBrokers,
  startThreeBrokers,
} from '../../support/three-brokers';
import { uniqueName } from '../../support/unique-names';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Receipt {
  error_code: number;
  message?: string;
  partition_id?: number;
  offset?: number;
}

/**
 * Fault tests against a three-node cluster of their own (the run's shared broker is never
 * harmed): one broker killed during a streaming produce, then every broker killed and restarted
 * under a running gateway. The tests run in order and share the cluster.
 */
describe('reliability: broker faults (three brokers, RF 3, min.insync.replicas=2)', () => {
  let cluster: LocalKafkaCluster;
  let bootstrap: string;
  let gateway: ListeningApp;
  let clusterId: string;
  let outageTopic: string;

  beforeAll(async () => {
    cluster = await startThreeBrokers();
    bootstrap = cluster.bootstrapServers;
    gateway = await listenTestApp({ KAFKA_BOOTSTRAP_SERVERS: bootstrap });
    clusterId = await new TestContext(gateway.app).clusterId();
    // Created while all three brokers are up: RF 3 needs them.
    outageTopic = uniqueName('outage');
    await createReplicatedTopic(bootstrap, outageTopic, 1);
  });
  afterAll(async () => {
    await gateway?.app.close();
    await cluster?.stop();
  });

  it('acknowledges during a SIGKILL of a partition leader only records that are in Kafka exactly once, and answers every other record with an error', async () => {
    const topic = uniqueName('broker-kill');
    await createReplicatedTopic(bootstrap, topic, 3);
    const victim = await leaderOf(bootstrap, topic, 0);
    const client = new StreamingClient(
      gateway.baseUrl,
      `/v3/clusters/${clusterId}/topics/${topic}/records`,
    );
    const ids: string[] = [];
    // ~1,000 records a second, keyed so that they spread over the three partitions.
    const writeFor = async (ms: number): Promise<void> => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        let chunk = '';
        for (let k = 0; k < 20; k++) {
          const id = `rec-${ids.length}`;
          ids.push(id);
          chunk += JSON.stringify({
            key: { type: 'STRING', data: id },
            value: { type: 'STRING', data: id },
          });
        }
        client.write(chunk);
        await sleep(20);
      }
    };

    await writeFor(4_000);
    const killedAt = ids.length;
    const killStarted = Date.now();
    await cluster.killBroker(victim);
    await writeFor(20_000);
    client.end();
    const result = await client.finished();
    const streamSeconds = (Date.now() - killStarted) / 1000;

    expect(result.status).toBe(200);
    // Exactly one receipt per record, in request order.
    expect(client.receipts).toHaveLength(ids.length);
    const receipts = client.receipts as unknown as Receipt[];
    const stored = await readTopic(bootstrap, topic);
    const byId = new Map<string, { partition: number; offset: number }[]>();
    for (const r of stored) {
      byId.set(r.value!, [...(byId.get(r.value!) ?? []), r]);
    }
    const failed: number[] = [];
    receipts.forEach((receipt, i) => {
      if (receipt.error_code === 200) {
        // Acknowledged: in Kafka exactly once, where the receipt says.
        expect(byId.get(ids[i]), ids[i]).toEqual([
          { partition: receipt.partition_id, offset: receipt.offset, key: ids[i], value: ids[i] },
        ]);
      } else {
        failed.push(i);
        expect(receipt.error_code, JSON.stringify(receipt)).toBeGreaterThanOrEqual(400);
        expect(receipt.message, JSON.stringify(receipt)).toEqual(expect.any(String));
      }
    });
    // Nothing was written twice, acknowledged or not, and nothing that was never sent.
    for (const [id, copies] of byId) {
      expect(copies, id).toHaveLength(1);
    }
    expect([...byId.keys()].every((id) => ids.includes(id))).toBe(true);
    const acknowledgedAfterKill = receipts.slice(killedAt).filter((r) => r.error_code === 200);
    // The stream went on producing through the failover.
    expect(acknowledgedAfterKill.length).toBeGreaterThan(0);
    const errorsInKafka = failed.filter((i) => byId.has(ids[i])).length;
    console.log(
      `broker ${victim} killed after ${killedAt} of ${ids.length} records (stream ran ${streamSeconds}s more): ` +
        `${ids.length - failed.length} acknowledged, ${failed.length} error receipts ` +
        `(${errorsInKafka} of those are in Kafka anyway), codes ${JSON.stringify(errorCodes(receipts))}`,
    );
  }, 120_000);

  it('answers 503 50302 within seconds for admin, produce and consume while every broker is down, also on a gateway started then, and serves again once the brokers are back, without a restart', async () => {
    // Given a topic with a record, and a v2 consumer that joined its group and read it.
    const topic = outageTopic;
    const first = await produceOne(gateway.app, clusterId, topic);
    expect(first.error_code, JSON.stringify(first)).toBe(200);
    const joined = await createV2Consumer(gateway.app, uniqueName('outage-group'), topic);
    await until(async () => (await v2Records(gateway.app, joined)).body.length > 2, 30_000);

    for (const id of cluster.nodeIds) {
      await cluster.killBroker(id);
    }
    // A gateway that starts while no broker is reachable.
    const late = await listenTestApp({ KAFKA_BOOTSTRAP_SERVERS: bootstrap });
    try {
      const lateConsumer = await createV2Consumer(late.app, uniqueName('late-group'), topic);
      const targets = [
        { name: 'running gateway', gw: gateway, consumer: joined },
        { name: 'gateway started during the outage', gw: late, consumer: lateConsumer },
      ];
      for (const { name, gw, consumer } of targets) {
        for (const probe of probes(clusterId, topic, consumer)) {
          const started = Date.now();
          const outcome = await probe.run(gw);
          const took = Date.now() - started;
          expect(outcome.ok, `${name} ${probe.name}: ${outcome.body}`).toBe(false);
          expect(probe.down, `${name} ${probe.name}: ${outcome.body}`).toContainEqual([
            outcome.status,
            outcome.code,
          ]);
          expect(outcome.message, `${name} ${probe.name}`).toMatch(/^Kafka is not reachable: /);
          expect(took, `${name} ${probe.name} took ${took} ms`).toBeLessThan(10_000);
        }
      }

      const restarted = Date.now();
      await restartAllBrokers(cluster);
      const recovery: Record<string, number> = {};
      for (const { name, gw, consumer } of targets) {
        for (const probe of probes(clusterId, topic, consumer)) {
          let outcome = await probe.run(gw);
          const deadline = Date.now() + 60_000;
          while (!outcome.ok && Date.now() < deadline) {
            await sleep(500);
            outcome = await probe.run(gw);
          }
          expect(outcome.ok, `${name} ${probe.name} did not recover: ${outcome.body}`).toBe(true);
          recovery[`${name}: ${probe.name}`] = Date.now() - restarted;
        }
      }
      console.log(`all brokers restarted; served again after (ms): ${JSON.stringify(recovery)}`);
    } finally {
      await late.app.close();
    }
  }, 180_000);

  it('holds neither a v2 poll nor an SSE stream past its timeout while every broker hangs (SIGSTOP), and serves again once they resume', async () => {
    const hung = await listenTestApp({
      KAFKA_BOOTSTRAP_SERVERS: bootstrap,
      GATEWAY_STREAM_HEARTBEAT_MS: '500',
    });
    try {
      const topic = outageTopic;
      expect((await produceOne(hung.app, clusterId, topic)).error_code).toBe(200);
      const consumer = await createV2Consumer(hung.app, uniqueName('hung-group'), topic);
      await until(async () => (await v2Records(hung.app, consumer)).body.length > 2, 30_000);
      const stream = await SseClient.open(
        `${hung.baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=latest`,
      );
      await stream.waitFor(() => stream.comments.length > 0);
      cluster.nodeIds.forEach((id) => cluster.freezeBroker(id, true));
      try {
        // A hung broker keeps its connections and answers nothing: the poll's commit (the v2
        // instance auto-commits every 5 s), fetches and heartbeats wait on it.
        await sleep(6_000);
        const started = Date.now();
        const polled = await v2Records(hung.app, consumer);
        const took = Date.now() - started;
        expect([polled.status, polled.body]).toEqual([200, '[]']);
        expect(took, `poll took ${took} ms`).toBeLessThan(3_000);
        const heartbeats = (): number => stream.comments.filter((c) => c === 'heartbeat').length;
        const before = heartbeats();
        await stream.waitFor(() => heartbeats() >= before + 3, 10_000);
        expect(stream.ended).toBe(false);
        // Readiness says so within its 5 s check timeout, not after the Kafka request timeout.
        const probed = Date.now();
        const ready = await hung.app.inject({ method: 'GET', url: '/ready' });
        expect(ready.statusCode).toBe(503);
        expect(Date.now() - probed).toBeLessThan(7_000);
      } finally {
        cluster.nodeIds.forEach((id) => cluster.freezeBroker(id, false));
      }
      await until(
        async () => (await produceOne(hung.app, clusterId, topic)).error_code === 200,
        60_000,
      );
      await stream.waitFor(() => stream.records().length > 0, 60_000);
      stream.close();
    } finally {
      await hung.app.close();
    }
  }, 180_000);
});

type Gateway = ListeningApp;

interface Outcome {
  ok: boolean;
  status: number;
  /** The error code of the answer: of the body, of its receipt, or of its first failure. */
  code?: number;
  message?: string;
  body: string;
}

interface Probe {
  name: string;
  /** [HTTP status, error code] answers that say "Kafka is down" for this kind of request. */
  down: [number, number][];
  run: (gw: Gateway) => Promise<Outcome>;
}

/** One request of each kind, with what it answers while Kafka is down and when it is served. */
function probes(clusterId: string, topic: string, consumer: string): Probe[] {
  const v3 = `/v3/clusters/${clusterId}`;
  const json = { 'content-type': 'application/json' };
  const inject = async (
    gw: Gateway,
    method: 'GET' | 'POST',
    url: string,
    okStatus: number,
    payload?: unknown,
    headers: Record<string, string> = json,
  ): Promise<Outcome> => {
    const res = await gw.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    return outcome(res.statusCode, res.body, okStatus);
  };
  const value = { value: { type: 'STRING', data: 'during-or-after-outage' } };
  return [
    {
      name: 'GET clusters (admin)',
      down: [[503, 50302]],
      run: (gw) => inject(gw, 'GET', '/v3/clusters', 200),
    },
    {
      name: 'GET topic (admin)',
      down: [[503, 50302]],
      run: (gw) => inject(gw, 'GET', `${v3}/topics/${topic}`, 200),
    },
    {
      name: 'POST topics (admin)',
      down: [[503, 50302]],
      run: (gw) =>
        inject(gw, 'POST', `${v3}/topics`, 201, {
          topic_name: uniqueName('created'),
          partitions_count: 1,
          replication_factor: 3,
        }),
    },
    {
      // Streaming produce answers 200 at once; the record's receipt carries the error.
      name: 'POST records (produce)',
      down: [[200, 50302]],
      run: (gw) => inject(gw, 'POST', `${v3}/topics/${topic}/records`, 200, value),
    },
    {
      name: 'POST records:batch (produce)',
      down: [[207, 50302]],
      run: (gw) =>
        inject(gw, 'POST', `${v3}/topics/${topic}/records:batch`, 207, {
          entries: [{ id: 'one', ...value }],
        }),
    },
    {
      // Once the partition count is cached, v2 answers per record with its retriable code.
      name: 'POST v2 topics (produce)',
      down: [
        [503, 50302],
        [200, 50003],
      ],
      run: (gw) =>
        inject(
          gw,
          'POST',
          `/topics/${topic}`,
          200,
          { records: [{ value: 'eA==' }] },
          {
            'content-type': 'application/vnd.kafka.binary.v2+json',
          },
        ),
    },
    {
      name: 'GET partition records (v3 consume)',
      down: [[503, 50302]],
      run: (gw) =>
        inject(
          gw,
          'GET',
          `${v3}/topics/${topic}/partitions/0/records?offset=0&timeout_ms=200`,
          200,
        ),
    },
    {
      name: 'GET records:stream (v3 consume)',
      down: [[503, 50302]],
      run: async (gw) => {
        const res = await firstChunk(
          `${gw.baseUrl}${v3}/topics/${topic}/records:stream?from=earliest`,
          { accept: 'application/x-ndjson' },
          (body) => body.includes('\n'),
        );
        return outcome(res.status, res.body.split('\n')[0], 200);
      },
    },
    {
      name: 'GET consumer records (v2 consume)',
      down: [[503, 50302]],
      run: async (gw) => {
        const res = await v2Records(gw.app, consumer);
        return outcome(res.status, res.body, 200);
      },
    },
  ];
}

function outcome(status: number, body: string, okStatus: number): Outcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, status, body };
  }
  const b = parsed as {
    error_code?: number;
    message?: string;
    failures?: { error_code: number; message: string }[];
    offsets?: { error_code: number | null; error: string | null }[];
  };
  const failure = b.failures?.[0] ?? (b.offsets?.[0]?.error_code ? b.offsets[0] : undefined);
  const code = b.error_code ?? failure?.error_code ?? undefined;
  const message =
    b.message ??
    (failure as { message?: string; error?: string } | undefined)?.message ??
    (failure as { error?: string } | undefined)?.error;
  const failed = (code !== undefined && code !== 200) || failure !== undefined;
  return { ok: status === okStatus && !failed, status, code: code ?? undefined, message, body };
}

async function produceOne(
  app: NestFastifyApplication,
  clusterId: string,
  topic: string,
): Promise<Receipt> {
  const res = await app.inject({
    method: 'POST',
    url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ value: { type: 'STRING', data: 'before-outage' } }),
  });
  return JSON.parse(res.body.trim()) as Receipt;
}

const V2 = 'application/vnd.kafka.v2+json';

/** A v2 consumer instance subscribed to `topic` from the earliest offset; returns its path. */
async function createV2Consumer(
  app: NestFastifyApplication,
  group: string,
  topic: string,
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/consumers/${group}`,
    headers: { 'content-type': V2 },
    payload: JSON.stringify({ 'auto.offset.reset': 'earliest' }),
  });
  expect(created.statusCode, created.body).toBe(200);
  const path = new URL(created.json<{ base_uri: string }>().base_uri).pathname;
  const subscribed = await app.inject({
    method: 'POST',
    url: `${path}/subscription`,
    headers: { 'content-type': V2 },
    payload: JSON.stringify({ topics: [topic] }),
  });
  expect(subscribed.statusCode, subscribed.body).toBe(204);
  return path;
}

async function v2Records(
  app: NestFastifyApplication,
  consumer: string,
): Promise<{ status: number; body: string }> {
  const res = await app.inject({
    method: 'GET',
    url: `${consumer}/records?timeout=500`,
    headers: { accept: 'application/vnd.kafka.binary.v2+json' },
  });
  return { status: res.statusCode, body: res.body };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await sleep(200);
  }
}
function errorCodes(receipts: Receipt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of receipts) {
    if (r.error_code !== 200) {
      const key = `${r.error_code} ${r.message}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}
