import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstChunk } from '../support/first-chunk';
import { listenTestApp, ListeningApp } from '../support/listening-app';
import {
  committedTotal,
  createFixtureTopic,
  disconnectFixtures,
  produceRecords,
} from '../support/produce-records';
import { TestContext } from '../support/test-context';
import { uniqueName } from '../support/unique-names';

const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';

/** Inputs the fuzzers found to answer 5xx, kept as plain examples. */
describe('fuzz regressions', () => {
  let gw: ListeningApp;
  let app: NestFastifyApplication;
  let clusterId: string;
  let topic: string;

  beforeAll(async () => {
    gw = await listenTestApp();
    app = gw.app;
    clusterId = await new TestContext(app).clusterId();
    topic = await createFixtureTopic(uniqueName('fuzz-regressions'), 2);
    await produceRecords(topic, [{ value: 'a' }, { value: 'b', partition: 1 }]);
  });
  afterAll(async () => {
    await app.close();
    await disconnectFixtures();
  });

  async function post(url: string, payload: unknown) {
    return app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': V2 },
      payload: JSON.stringify(payload),
    });
  }

  it('consumes and commits as a v2 consumer group whose name has whitespace', async () => {
    const group = `${uniqueName('with')} space\tand tab`;
    const created = await post(`/consumers/${encodeURIComponent(group)}`, {
      name: 'instance with space',
      'auto.offset.reset': 'earliest',
      'auto.commit.enable': 'false',
    });
    expect(created.statusCode, created.body).toBe(200);
    const base = new URL(created.json<{ base_uri: string }>().base_uri).pathname;
    expect((await post(`${base}/subscription`, { topics: [topic] })).statusCode).toBe(204);
    const records: unknown[] = [];
    const deadline = Date.now() + 15_000;
    while (records.length < 2 && Date.now() < deadline) {
      const res = await app.inject({
        method: 'GET',
        url: `${base}/records?timeout=500`,
        headers: { accept: BINARY },
      });
      expect(res.statusCode, res.body).toBe(200);
      records.push(...res.json<unknown[]>());
    }
    expect(records).toHaveLength(2);
    // An empty body commits everything consumed.
    const commit = await app.inject({ method: 'POST', url: `${base}/offsets` });
    expect(commit.statusCode, commit.body).toBe(200);
    // Committed under the group's exact name, whitespace included.
    expect(await committedTotal(group, topic)).toBe(2);
  });

  it('answers 400 to a v3 read from an offset or timestamp beyond what Kafka can hold', async () => {
    const records = `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records`;
    for (const query of [`offset=${'9'.repeat(40)}`, `timestamp=${'9'.repeat(23)}`]) {
      const res = await app.inject({ method: 'GET', url: `${records}?${query}&timeout_ms=0` });
      expect(res.statusCode, `${query} => ${res.body}`).toBe(400);
      expect(res.json<{ error_code: number }>().error_code).toBe(400);
    }
  });

  it('answers 400 to a subscription whose topic_pattern is not a regular expression', async () => {
    const created = await post(`/consumers/${uniqueName('pattern')}`, {});
    const base = new URL(created.json<{ base_uri: string }>().base_uri).pathname;
    const res = await post(`${base}/subscription`, { topic_pattern: '[' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error_code: 400, message: 'Invalid topic_pattern: [' });
    const poll = await app.inject({
      method: 'GET',
      url: `${base}/records?timeout=1`,
      headers: { accept: BINARY },
    });
    expect(poll.statusCode, poll.body).toBe(200);
  });

  // JSON can carry a lone surrogate ("\ud800"); a URL cannot (seed 1771268670 answered 500).
  it('creates a v2 instance whose id is a lone surrogate, its base_uri written as Java does', async () => {
    const group = uniqueName('surrogate');
    const created = await post(`/consumers/${group}`, { id: '\ud800', format: 'binary' });
    expect(created.statusCode, created.body).toBe(200);
    const body = created.json<{ instance_id: string; base_uri: string }>();
    expect(body.instance_id).toBe('\ud800');
    expect(body.base_uri).toMatch(new RegExp(`/consumers/${group}/instances/%3F$`));
  });

  it('takes the first of repeated query parameters of v3 partition reads and record streams', async () => {
    const base = `/v3/clusters/${clusterId}/topics/${topic}`;
    const read = await app.inject({
      method: 'GET',
      url: `${base}/partitions/0/records?offset=0&offset=5&format=string&format=json&timeout_ms=0&timeout_ms=9`,
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ data: { value: unknown }[] }>().data.map((r) => r.value)).toEqual([
      { type: 'STRING', data: 'a' },
    ]);
    const stream = await firstChunk(
      `${gw.baseUrl}${base}/records:stream?from=earliest&from=latest&format=string&format=x`,
      { accept: 'text/event-stream' },
      (body) => body.includes('event: record'),
    );
    expect(stream.status).toBe(200);
  });

  it('answers GET topics with a repeated includeAuthorizedOperations flag without a 5xx', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics?includeAuthorizedOperations=true&includeAuthorizedOperations=false`,
    });
    expect(res.statusCode).toBeLessThan(500);
  });

  // Fastify caps route parameters at 100 characters unless told otherwise; Kafka allows 249.
  it('serves a topic whose name is 249 characters long', async () => {
    const long = await createFixtureTopic(`long-${process.pid}-`.padEnd(249, 't'));
    const res = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${long}`,
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  });
});
