import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import {
  createFixtureTopic,
  disconnectFixtures,
  produceMany,
  produceRecords,
} from '../../support/produce-records';
import { uniqueName } from '../../support/unique-names';

// The v2 consumer options and negotiation as kafka-rest implements them (ConsumersResource,
// KafkaConsumerManager, KafkaConsumerState, KafkaConsumerReadTask). v2 has no OpenAPI document:
// each test asserts the documented shape itself.
const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';
const JSON_V2 = 'application/vnd.kafka.json.v2+json';

interface V2Record {
  offset: number;
  value: string;
}

describe('v2 consumer options', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    await disconnectFixtures();
  });

  function post(url: string, payload: unknown) {
    return app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': V2 },
      payload: JSON.stringify(payload),
    });
  }

  async function createConsumer(body: Record<string, unknown> = {}): Promise<string> {
    const group = uniqueName('v2-options');
    const res = await post(`/consumers/${group}`, {
      'auto.offset.reset': 'earliest',
      'auto.commit.enable': 'false',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return `/consumers/${group}/instances/${res.json<{ instance_id: string }>().instance_id}`;
  }

  /** A consumer assigned partition 0 of a new topic with `count` records of 13 bytes each. */
  async function assignedConsumer(count: number, body: Record<string, unknown> = {}) {
    const topic = await createFixtureTopic(uniqueName('v2-options'));
    if (count > 0) {
      await produceMany(topic, count);
    }
    const base = await createConsumer(body);
    const assign = await post(`${base}/assignments`, { partitions: [{ topic, partition: 0 }] });
    expect(assign.statusCode).toBe(204);
    return { topic, base };
  }

  async function get(url: string, accept = BINARY) {
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url, headers: { accept } });
    return { res, elapsed: Date.now() - started };
  }

  async function offsets(url: string): Promise<number[]> {
    const { res } = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<V2Record[]>().map((r) => r.offset);
  }

  describe('POST /consumers/:group_name', () => {
    it('names the instance after id when both id and name are given', async () => {
      const group = uniqueName('v2-id');
      const res = await app.inject({
        method: 'POST',
        url: `/consumers/${group}`,
        headers: { 'content-type': V2, host: 'proxy.test:8082' },
        payload: { id: 'by-id', name: 'by-name' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        instance_id: 'by-id',
        base_uri: `http://proxy.test:8082/consumers/${group}/instances/by-id`,
      });
    });

    it('returns 422 40001 for a fetch.min.bytes outside -1 to 10000000 (a RestConstraintViolationException)', async () => {
      const high = await post(`/consumers/${uniqueName('v2-min')}`, {
        'fetch.min.bytes': 10_000_001,
      });
      expect(high.statusCode).toBe(422);
      expect(high.json()).toEqual({
        error_code: 40001,
        message:
          'Invalid consumer configuration. It does not abide by the constraints: Invalid value 10000001 for configuration fetch.min.bytes: Value must be no more than 10000000',
      });
      const low = await post(`/consumers/${uniqueName('v2-min')}`, { 'fetch.min.bytes': '-2' });
      expect(low.statusCode).toBe(422);
      expect(low.json()).toEqual({
        error_code: 40001,
        message:
          'Invalid consumer configuration. It does not abide by the constraints: Invalid value -2 for configuration fetch.min.bytes: Value must be at least -1',
      });
      await createConsumer({ 'fetch.min.bytes': 10_000_000 });
    });
  });

  describe('POST /consumers/:group_name/instances/:instance/subscription', () => {
    it('subscribes to topics when topic_pattern is given too, and does nothing for {}', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-both'));
      const base = await createConsumer();
      const both = await post(`${base}/subscription`, { topics: [topic], topic_pattern: 'x.*' });
      expect(both.statusCode).toBe(204);
      const empty = await post(`${base}/subscription`, {});
      expect(empty.statusCode).toBe(204);
      const sub = await app.inject({ method: 'GET', url: `${base}/subscription` });
      expect(sub.json()).toEqual({ topics: [topic] });
    });

    it('answers 204 to {} on a manually assigned instance, which stays assigned', async () => {
      const { topic, base } = await assignedConsumer(0);
      expect((await post(`${base}/subscription`, {})).statusCode).toBe(204);
      const assigned = await app.inject({ method: 'GET', url: `${base}/assignments` });
      expect(assigned.json()).toEqual({ partitions: [{ topic, partition: 0 }] });
    });
  });

  describe('POST subscription, assignments and positions', () => {
    // ConsumersResource's @Valid @NotNull bodies, as Hibernate Validator words them.
    it.each([
      ['subscription', 'subscribe'],
      ['assignments', 'assign'],
      ['positions', 'seekToOffset'],
      ['positions/beginning', 'seekToBeginning'],
      ['positions/end', 'seekToEnd'],
    ])('answers an empty %s body 422 "%s.arg3 must not be null"', async (path, method) => {
      const base = await createConsumer();
      const res = await app.inject({
        method: 'POST',
        url: `${base}/${path}`,
        headers: { 'content-type': V2 },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error_code: 422,
        message: `${method}.arg3 must not be null (was null)`,
      });
    });

    it('unsubscribes a subscribed instance assigned no partitions, as the Java consumer', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-options'));
      const base = await createConsumer();
      expect((await post(`${base}/subscription`, { topics: [topic] })).statusCode).toBe(204);
      const none = await post(`${base}/assignments`, { partitions: [] });
      expect(none.statusCode, none.body).toBe(204);
      const sub = await app.inject({ method: 'GET', url: `${base}/subscription` });
      expect(sub.json()).toEqual({ topics: [] });
      // Free again: a manual assignment is now allowed.
      const assign = await post(`${base}/assignments`, { partitions: [{ topic, partition: 0 }] });
      expect(assign.statusCode, assign.body).toBe(204);
    });
  });

  describe('GET /consumers/:group_name/instances/:instance/records', () => {
    it('waits at most the instance consumer.request.timeout.ms, and that long for timeout <= 0', async () => {
      const { base } = await assignedConsumer(0, { 'consumer.request.timeout.ms': 600 });
      // Join and position first: the polls below then only wait.
      await get(`${base}/records?timeout=1`);
      for (const timeout of ['60000', '0', '-1']) {
        const { res, elapsed } = await get(`${base}/records?timeout=${timeout}`);
        expect(res.statusCode, `timeout=${timeout}`).toBe(200);
        expect(res.json()).toEqual([]);
        expect(elapsed, `timeout=${timeout}`).toBeGreaterThanOrEqual(550);
        expect(elapsed, `timeout=${timeout}`).toBeLessThan(5_000);
      }
      const { elapsed } = await get(`${base}/records?timeout=100`);
      expect(elapsed).toBeLessThan(550);
    });

    it('answers a plain 404 for a timeout or max_bytes that is not a 64-bit integer, before finding the instance', async () => {
      const { base } = await assignedConsumer(0);
      for (const query of ['timeout=abc', 'max_bytes=1.5', 'timeout=9223372036854775808']) {
        const { res } = await get(`${base}/records?${query}`);
        expect(res.statusCode, query).toBe(404);
        expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      }
      const { res } = await get(`/consumers/none/instances/none/records?timeout=abc`);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('keeps a page strictly below max_bytes, and still returns a first record larger than max_bytes', async () => {
      // key-N + value-N: 12 bytes per record.
      const { base } = await assignedConsumer(10);
      const url = (maxBytes: number) => `${base}/records?timeout=2000&max_bytes=${maxBytes}`;
      expect(await offsets(url(24))).toEqual([0]);
      expect(await offsets(url(25))).toEqual([1, 2]);
      // kafka-rest would return [] forever here (kafka-rest#1413); we return the record alone.
      expect(await offsets(url(5))).toEqual([3]);
    });

    it('reads every record for max_bytes 0 or negative', async () => {
      for (const maxBytes of [0, -1]) {
        const { base } = await assignedConsumer(10);
        const all: number[] = [];
        for (let i = 0; i < 10 && all.length < 10; i++) {
          all.push(...(await offsets(`${base}/records?timeout=2000&max_bytes=${maxBytes}`)));
        }
        expect(all, `max_bytes=${maxBytes}`).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
    });

    // responseMinBytes and requestWaitMs: the older names kafka-rest still reads (@JsonAlias).
    it.each([
      { 'fetch.min.bytes': 100_000, 'consumer.request.timeout.ms': 1_500 },
      { responseMinBytes: 100_000, requestWaitMs: 1_500 },
    ])(
      'with fetch.min.bytes above what is there, returns the records at the timeout (%j)',
      async (settings) => {
        const { base } = await assignedConsumer(6, settings);
        const { res, elapsed } = await get(`${base}/records`);
        expect(res.statusCode).toBe(200);
        expect(res.json<V2Record[]>().map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(elapsed).toBeGreaterThanOrEqual(1_400);
      },
    );

    it('with fetch.min.bytes, gathers records produced during the wait and returns once they exceed it', async () => {
      const { topic, base } = await assignedConsumer(0, {
        'fetch.min.bytes': 30,
        'consumer.request.timeout.ms': 20_000,
      });
      await get(`${base}/records?timeout=1`);
      const pending = get(`${base}/records`);
      // 12 bytes each: 24 after two records, 36 after the third.
      await new Promise((r) => setTimeout(r, 300));
      await produceRecords(topic, [{ key: 'key-0', value: 'value-0' }]);
      await new Promise((r) => setTimeout(r, 300));
      await produceRecords(topic, [{ key: 'key-1', value: 'value-1' }]);
      await new Promise((r) => setTimeout(r, 300));
      await produceRecords(topic, [{ key: 'key-2', value: 'value-2' }]);
      const { res, elapsed } = await pending;
      expect(res.json<V2Record[]>().map((r) => r.offset)).toEqual([0, 1, 2]);
      expect(elapsed).toBeGreaterThanOrEqual(800);
      expect(elapsed).toBeLessThan(10_000);
    });

    it('without fetch.min.bytes, returns as soon as records are there', async () => {
      const { base } = await assignedConsumer(3, { 'consumer.request.timeout.ms': 20_000 });
      const { res, elapsed } = await get(`${base}/records`);
      expect(res.json<V2Record[]>().length).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(10_000);
    });

    it('negotiates Accept as Jersey does: q, then qs, answering the type that matched', async () => {
      const { base } = await assignedConsumer(0);
      const cases: [string, number, string | undefined][] = [
        [`${JSON_V2}; q=0.5, ${BINARY}`, 200, BINARY],
        [`${V2}, ${JSON_V2}`, 200, V2],
        [V2, 200, V2],
        ['*/*', 200, BINARY],
        ['application/*', 200, BINARY],
        ['text/plain', 406, undefined],
        ['application/json', 406, undefined],
      ];
      for (const [accept, status, type] of cases) {
        const { res } = await get(`${base}/records?timeout=1`, accept);
        expect(res.statusCode, accept).toBe(status);
        if (type !== undefined) {
          expect(res.headers['content-type'], accept).toBe(type);
        } else {
          expect(res.json()).toEqual({ error_code: 406, message: 'HTTP 406 Not Acceptable' });
        }
      }
    });

    it('answers 406 40601 when Accept selects the binary reader of a json instance', async () => {
      const { base } = await assignedConsumer(0, { format: 'json' });
      const { res } = await get(`${base}/records?timeout=1`, `${V2}, ${JSON_V2}`);
      expect(res.statusCode).toBe(406);
      expect(res.json()).toEqual({
        error_code: 40601,
        message:
          'The requested embedded data format does not match the deserializer for this consumer instance',
      });
      expect((await get(`${base}/records?timeout=1`, JSON_V2)).res.statusCode).toBe(200);
    });
  });
});
