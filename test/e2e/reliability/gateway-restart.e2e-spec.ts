import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { shutdownGracefully } from '../../../apps/gateway/src/shutdown';
import { listenTestApp, ListeningApp } from '../../support/listening-app';
import {
  committedTotal,
  createFixtureTopic,
  disconnectFixtures,
  produceMany,
} from '../../support/produce-records';
import { readTopic } from '../../support/read-topic';
import { SseClient } from '../../support/sse-client';
import { StreamingClient } from '../../support/streaming-client';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const GRACE_MS = 3_000;
const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';

interface Receipt {
  error_code: number;
  partition_id?: number;
  offset?: number;
}

/**
 * A gateway stopped with the graceful shutdown of main.ts (SIGTERM) while clients produce and
 * consume, and a new instance started on the same broker: what clients were told survives.
 */
describe('reliability: gateway restart during produce and consume', () => {
  const bootstrap = inject('kafkaBootstrap');
  const started: ListeningApp[] = [];

  async function start(): Promise<ListeningApp> {
    const gw = await listenTestApp();
    started.push(gw);
    return gw;
  }

  async function stop(gw: ListeningApp): Promise<number> {
    const t0 = Date.now();
    await shutdownGracefully(gw.app, GRACE_MS);
    started.splice(started.indexOf(gw), 1);
    return Date.now() - t0;
  }

  afterAll(async () => {
    await Promise.all(started.map((gw) => gw.app.close()));
    await disconnectFixtures();
  });

  it('ends a streaming produce on shutdown with a receipt for every record it read, and a new instance takes the rest with nothing lost or stored twice', async () => {
    const topic = await createFixtureTopic(uniqueName('restart-produce'), 3);
    const first = await start();
    const clusterId = await new TestContext(first.app).clusterId();
    const path = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const ids: string[] = [];
    const recordOf = (id: string) =>
      JSON.stringify({ key: { type: 'STRING', data: id }, value: { type: 'STRING', data: id } });

    const clientA = new StreamingClient(first.baseUrl, path);
    let answered = false;
    const endA = clientA.finished().then((r) => {
      answered = true;
      return r;
    });
    const writing = (async () => {
      // ~1,000 records a second until the gateway has ended the response (or 10 s passed).
      const end = Date.now() + 10_000;
      while (!answered && Date.now() < end) {
        let chunk = '';
        for (let k = 0; k < 10; k++) {
          const id = `rec-${ids.length}`;
          ids.push(id);
          chunk += recordOf(id);
        }
        clientA.write(chunk);
        await sleep(10);
      }
    })();
    await clientA.waitForReceipts(500);
    const shutdownMs = await stop(first);
    await writing;
    const resultA = await endA;
    clientA.destroy();

    const receiptsA = clientA.receipts as unknown as Receipt[];
    expect(resultA.status).toBe(200);
    // The stream winds down when the gateway drains (receipts for what it read, then the end),
    // instead of holding the shutdown until the grace period cuts it.
    expect(shutdownMs).toBeLessThan(GRACE_MS);
    expect(receiptsA.length).toBeLessThanOrEqual(ids.length);
    expect(receiptsA.every((r) => r.error_code === 200)).toBe(true);

    // The client sends again, to the new instance, every record it got no receipt for.
    const second = await start();
    const resend = ids.slice(receiptsA.length);
    const clientB = new StreamingClient(second.baseUrl, path);
    clientB.end(resend.map(recordOf).join(''));
    await clientB.finished();
    const receiptsB = clientB.receipts as unknown as Receipt[];
    expect(receiptsB).toHaveLength(resend.length);
    expect(receiptsB.every((r) => r.error_code === 200)).toBe(true);

    const stored = await readTopic(bootstrap, topic);
    const copies = new Map<string, { partition: number; offset: number }[]>();
    for (const r of stored) {
      copies.set(r.value!, [...(copies.get(r.value!) ?? []), r]);
    }
    const acknowledged = [
      ...receiptsA.map((r, i) => ({ id: ids[i], r })),
      ...receiptsB.map((r, i) => ({ id: resend[i], r })),
    ];
    expect(acknowledged).toHaveLength(ids.length);
    for (const { id, r } of acknowledged) {
      expect(copies.get(id), id).toContainEqual({
        partition: r.partition_id,
        offset: r.offset,
        key: id,
        value: id,
      });
    }
    const duplicated = [...copies.values()].filter((c) => c.length > 1).length;
    console.log(
      `streaming produce: ${ids.length} records, ${receiptsA.length} acknowledged before the shutdown ` +
        `(${shutdownMs} ms, grace ${GRACE_MS} ms), ${resend.length} resent to the new instance, ` +
        `${duplicated} stored twice`,
    );
    expect(duplicated).toBe(0);
  }, 60_000);

  it('lets a v2 consumer of the group on a new instance continue from the last commit', async () => {
    const topic = await createFixtureTopic(uniqueName('restart-v2'), 3);
    await produceMany(topic, 300, 3, (i) => `v-${i}`);
    const group = uniqueName('restart-v2-group');
    const first = await start();
    const a = await createV2Consumer(first.app, group, topic);
    const committed: V2Record[] = [];
    while (committed.length < 100) {
      committed.push(...(await v2Fetch(first.app, a)));
    }
    const commit = await first.app.inject({
      method: 'POST',
      url: `${a}/offsets`,
      headers: { 'content-type': V2 },
    });
    expect(commit.statusCode, commit.body).toBe(200);
    // Fetched after the commit and never committed: to be delivered again.
    const uncommitted = await v2Fetch(first.app, a);
    const committedCount = await committedTotal(group, topic);
    expect(committedCount).toBe(committed.length);
    const stopMs = await stop(first);

    const second = await start();
    const joinedAt = Date.now();
    const b = await createV2Consumer(second.app, group, topic);
    const rest: V2Record[] = [];
    const deadline = Date.now() + 30_000;
    while (committed.length + rest.length < 300 && Date.now() < deadline) {
      rest.push(...(await v2Fetch(second.app, b)));
    }
    const resumeMs = Date.now() - joinedAt;
    // No gap and no duplicate across the restart; what was fetched but not committed came again.
    const all = [...committed, ...rest].map((r) => `${r.partition}:${r.offset}`);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(300);
    const second_ = new Set(rest.map((r) => `${r.partition}:${r.offset}`));
    expect(uncommitted.every((r) => second_.has(`${r.partition}:${r.offset}`))).toBe(true);
    console.log(
      `v2 consumer: ${committed.length} committed on the first instance, ${uncommitted.length} fetched uncommitted, ` +
        `shutdown ${stopMs} ms; the new instance read the other ${rest.length} in ${resumeMs} ms`,
    );
  }, 60_000);

  it('resumes a v3 SSE stream by Last-Event-ID on a new instance with no gap and no duplicate, while records keep coming', async () => {
    const topic = await createFixtureTopic(uniqueName('restart-sse'), 3);
    await produceMany(topic, 150, 3, (i) => `s-${i}`);
    const first = await start();
    const clusterId = await new TestContext(first.app).clusterId();
    const url = (gw: ListeningApp) =>
      `${gw.baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest&format=string`;
    const streamA = await SseClient.open(url(first));
    expect(streamA.status).toBe(200);
    await streamA.waitFor(() => streamA.records().length >= 150);
    // More records while the first instance shuts down: the stream ends cleanly on drain.
    await produceMany(topic, 150, 3, (i) => `s-${150 + i}`);
    const stopMs = await stop(first);
    await streamA.waitFor(() => streamA.ended, 10_000);
    const lastEventId = streamA.lastEventId();
    expect(lastEventId).toMatch(/^\d+:\d+(,\d+:\d+)*$/);
    await produceMany(topic, 150, 3, (i) => `s-${300 + i}`);

    const second = await start();
    const streamB = await SseClient.open(url(second), { 'last-event-id': lastEventId! });
    expect(streamB.status).toBe(200);
    const before = streamA.records().length;
    await streamB.waitFor(() => before + streamB.records().length >= 450);
    await sleep(300);
    streamB.close();
    const values = [...streamA.records(), ...streamB.records()].map((r) => String(r.value!.data));
    expect(values).toHaveLength(450);
    expect(new Set(values)).toEqual(new Set(Array.from({ length: 450 }, (_, i) => `s-${i}`)));
    console.log(
      `SSE: ${before} events before the shutdown (${stopMs} ms), ${streamB.records().length} after resuming at ${lastEventId}`,
    );
  }, 60_000);

  it('continues a v3 group stream on a new instance after what the first one delivered', async () => {
    const topic = await createFixtureTopic(uniqueName('restart-sse-group'), 3);
    await produceMany(topic, 150, 3, (i) => `g-${i}`);
    const group = uniqueName('restart-sse-group');
    const first = await start();
    const clusterId = await new TestContext(first.app).clusterId();
    const url = (gw: ListeningApp) =>
      `${gw.baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest&format=string&group_id=${group}`;
    const streamA = await SseClient.open(url(first));
    await streamA.waitFor(() => streamA.records().length >= 150);
    await produceMany(topic, 150, 3, (i) => `g-${150 + i}`);
    await sleep(500);
    await stop(first);
    await streamA.waitFor(() => streamA.ended, 10_000);

    const second = await start();
    const streamB = await SseClient.open(url(second));
    const before = streamA.records().length;
    await streamB.waitFor(() => before + streamB.records().length >= 300, 30_000);
    await sleep(500);
    streamB.close();
    const values = [...streamA.records(), ...streamB.records()].map((r) => String(r.value!.data));
    expect(new Set(values)).toEqual(new Set(Array.from({ length: 300 }, (_, i) => `g-${i}`)));
    expect(values).toHaveLength(300);
  }, 60_000);
});

interface V2Record {
  partition: number;
  offset: number;
}

async function createV2Consumer(
  app: NestFastifyApplication,
  group: string,
  topic: string,
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/consumers/${group}`,
    headers: { 'content-type': V2 },
    payload: JSON.stringify({ 'auto.offset.reset': 'earliest', 'auto.commit.enable': 'false' }),
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

async function v2Fetch(app: NestFastifyApplication, consumer: string): Promise<V2Record[]> {
  const res = await app.inject({
    method: 'GET',
    url: `${consumer}/records?timeout=1000&max_bytes=500`,
    headers: { accept: BINARY },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<V2Record[]>();
}
