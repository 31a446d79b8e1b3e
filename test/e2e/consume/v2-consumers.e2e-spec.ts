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

// v2 has no OpenAPI document: each test asserts the documented shape (and content type) itself.
const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';
const JSON_V2 = 'application/vnd.kafka.json.v2+json';

interface V2Record {
  topic: string;
  key: unknown;
  value: unknown;
  partition: number;
  offset: number;
  timestamp: number;
  headers: { name: string; value: string | null }[];
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('v2 consumers', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    await disconnectFixtures();
  });

  async function createConsumer(
    group: string,
    body: Record<string, unknown> = {},
    target = app,
  ): Promise<string> {
    const res = await target.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { 'content-type': V2 },
      payload: { 'auto.offset.reset': 'earliest', 'auto.commit.enable': 'false', ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return `/consumers/${group}/instances/${res.json<{ instance_id: string }>().instance_id}`;
  }

  async function post(url: string, payload?: unknown, target = app) {
    return target.inject({
      method: 'POST',
      url,
      headers: { 'content-type': V2 },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  }

  async function fetchRecords(base: string, accept = BINARY, target = app): Promise<V2Record[]> {
    const res = await target.inject({
      method: 'GET',
      url: `${base}/records?timeout=1000`,
      headers: { accept },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(accept);
    return res.json<V2Record[]>();
  }

  /** How many partitions the instance owns now. */
  async function owned(base: string, target = app): Promise<number> {
    const res = await target.inject({ method: 'GET', url: `${base}/assignments` });
    return res.json<{ partitions: unknown[] }>().partitions.length;
  }

  async function readAll(base: string, count: number, target = app): Promise<V2Record[]> {
    const all: V2Record[] = [];
    const deadline = Date.now() + 20_000;
    while (all.length < count && Date.now() < deadline) {
      all.push(...(await fetchRecords(base, BINARY, target)));
    }
    return all;
  }

  describe('POST /consumers/:group_name', () => {
    it('creates an instance named as asked, with a base_uri on the request host', async () => {
      const group = uniqueName('v2-create');
      const res = await app.inject({
        method: 'POST',
        url: `/consumers/${group}`,
        headers: { 'content-type': V2, host: 'proxy.test:8082' },
        payload: { name: 'my_consumer', format: 'binary', 'auto.offset.reset': 'earliest' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(V2);
      expect(res.json()).toEqual({
        instance_id: 'my_consumer',
        base_uri: `http://proxy.test:8082/consumers/${group}/instances/my_consumer`,
      });
    });

    it('generates a rest-consumer-<uuid> name and uses the advertised listener', async () => {
      const advertised = await createTestApp({
        KAFKA_REST_ADVERTISED_LISTENERS: 'http://public.example:9000',
        KAFKA_REST_ID: 'node1',
      });
      try {
        const group = uniqueName('v2-advertised');
        const res = await advertised.inject({ method: 'POST', url: `/consumers/${group}` });
        expect(res.statusCode).toBe(200);
        const body = res.json<{ instance_id: string; base_uri: string }>();
        expect(body.instance_id).toMatch(/^rest-consumer-node1-[0-9a-f-]{36}$/);
        expect(body).toEqual({
          instance_id: body.instance_id,
          base_uri: `http://public.example:9000/consumers/${group}/instances/${body.instance_id}`,
        });
      } finally {
        await advertised.close();
      }
    });

    it('returns 409 40902 for a duplicate name', async () => {
      const group = uniqueName('v2-dup');
      await createConsumer(group, { name: 'c1' });
      const res = await post(`/consumers/${group}`, { name: 'c1' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error_code: 40902,
        message:
          'Consumer with specified consumer ID already exists in the specified consumer group.',
      });
    });

    // Kafka 4's AutoOffsetResetStrategy: exact lower-case names, or by_duration:<ISO-8601>.
    it.each(['sometime', 'EARLIEST', 'by_duration', 'by_duration:-PT1H', 'by_duration:1h'])(
      'returns 422 42204 for auto.offset.reset %j, in Kafka 4 words',
      async (value) => {
        const res = await post(`/consumers/${uniqueName('v2-bad')}`, {
          'auto.offset.reset': value,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({
          error_code: 42204,
          message: `Invalid consumer configuration: Invalid value ${value} for configuration auto.offset.reset: Invalid value \`${value}\` for configuration auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.`,
        });
      },
    );

    it('starts a group without commits by_duration: at the first record newer than now minus it', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-duration'));
      const hourAgo = Date.now() - 3_600_000;
      await produceRecords(topic, [
        { value: 'two hours old', timestamp: hourAgo - 3_600_000 },
        { value: 'half an hour old', timestamp: hourAgo + 1_800_000 },
        { value: 'new' },
      ]);
      const base = await createConsumer(uniqueName('v2-duration'), {
        'auto.offset.reset': 'by_duration:PT1H',
      });
      expect((await post(`${base}/subscription`, { topics: [topic] })).statusCode).toBe(204);
      const records = await readAll(base, 2);
      expect(
        records.map((r) => [r.offset, Buffer.from(String(r.value), 'base64').toString()]),
      ).toEqual([
        [1, 'half an hour old'],
        [2, 'new'],
      ]);
    });

    it('answers a bad auto.commit.enable as Kafka names it (enable.auto.commit), trimmed', async () => {
      const res = await post(`/consumers/${uniqueName('v2-bad')}`, {
        'auto.commit.enable': 'maybe',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error_code: 42204,
        message:
          'Invalid consumer configuration: Invalid value maybe for configuration enable.auto.commit: Expected value to be either true or false',
      });
      const trimmed = await post(`/consumers/${uniqueName('v2-ok')}`, {
        'auto.commit.enable': ' FALSE ',
      });
      expect(trimmed.statusCode, trimmed.body).toBe(200);
    });

    // CreateConsumerInstanceRequest.computeFormat, while Jackson reads the body.
    it('returns 422 422 "Invalid format type." for an unknown format, and takes any case', async () => {
      const res = await post(`/consumers/${uniqueName('v2-bad')}`, { format: 'xml' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ error_code: 422, message: 'Invalid format type.' });
      const upper = await post(`/consumers/${uniqueName('v2-ok')}`, { format: 'JSON' });
      expect(upper.statusCode, upper.body).toBe(200);
    });

    // Both are Integer fields of kafka-rest's CreateConsumerInstanceRequest: Jackson reads "7"
    // and truncates 7.9, and refuses anything else, or a number beyond an int, with a 400.
    it.each(['fetch.min.bytes', 'consumer.request.timeout.ms'])(
      'reads %s as Jackson reads an Integer',
      async (field) => {
        for (const value of ['700', 700.9]) {
          const ok = await post(`/consumers/${uniqueName('v2-int')}`, { [field]: value });
          expect(ok.statusCode, ok.body).toBe(200);
        }
        for (const value of ['abc', true, '7.5', '2147483648', 2147483648]) {
          const res = await post(`/consumers/${uniqueName('v2-bad')}`, { [field]: value });
          expect(res.statusCode, JSON.stringify(value)).toBe(400);
          expect(res.json<{ error_code: number }>().error_code).toBe(400);
        }
      },
    );

    it('returns 422 for an unknown field', async () => {
      const res = await post(`/consumers/${uniqueName('v2-bad')}`, { colour: 'blue' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ error_code: 422, message: 'Unrecognized field: colour' });
    });

    // kafka-rest's Java test client writes unset fields as null (ConsumerBinaryTest & co.).
    it('takes null fields as absent, as kafka-rest does', async () => {
      const group = uniqueName('v2-nulls');
      const unset = {
        id: null,
        name: null,
        format: null,
        'auto.offset.reset': null,
        'auto.commit.enable': null,
        'fetch.min.bytes': null,
        'consumer.request.timeout.ms': null,
      };
      const generated = await post(`/consumers/${group}`, unset);
      expect(generated.statusCode, generated.body).toBe(200);
      expect(generated.json<{ instance_id: string }>().instance_id).toMatch(/^rest-consumer-/);

      const named = await post(`/consumers/${group}`, { ...unset, name: 'c1' });
      expect(named.json<{ instance_id: string }>().instance_id).toBe('c1');
      const duplicate = await post(`/consumers/${group}`, { ...unset, name: 'c1' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json<{ error_code: number }>().error_code).toBe(40902);
    });

    it('reads a number sent for a string field as its text, as Jackson does', async () => {
      const group = uniqueName('v2-scalar');
      const res = await post(`/consumers/${group}`, { name: 42, 'auto.commit.enable': false });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ instance_id: string }>().instance_id).toBe('42');
    });
  });

  describe('subscription, records, commit and offsets', () => {
    // Java clients whose mapper refuses unknown fields (kafka-rest's own test client) read
    // Confluent's five fields only.
    it('leaves timestamp and headers out with GATEWAY_V2_RECORD_METADATA=false', async () => {
      const strict = await createTestApp({ GATEWAY_V2_RECORD_METADATA: 'false' });
      try {
        const topic = await createFixtureTopic(uniqueName('v2-strict'));
        await produceRecords(topic, [{ key: '"k"', value: '{"n":1}', headers: { h: 'x' } }]);
        for (const [format, accept, key, value] of [
          ['binary', BINARY, b64('"k"'), b64('{"n":1}')],
          ['json', JSON_V2, 'k', { n: 1 }],
        ] as const) {
          const base = await createConsumer(uniqueName('v2-strict'), { format }, strict);
          expect((await post(`${base}/subscription`, { topics: [topic] }, strict)).statusCode).toBe(
            204,
          );
          const records: V2Record[] = [];
          const deadline = Date.now() + 20_000;
          while (records.length === 0 && Date.now() < deadline) {
            records.push(...(await fetchRecords(base, accept, strict)));
          }
          const expected = { topic, key, value, partition: 0, offset: 0 };
          expect([format, records]).toEqual([format, [expected]]);
        }
      } finally {
        await strict.close();
      }
    });

    it('consumes a subscribed topic with headers and timestamps, commits and reads the commit back', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-sub'));
      await produceRecords(topic, [
        { key: 'k', value: 'v0', headers: { h: 'x' }, timestamp: 1_700_000_000_000 },
        { key: null, value: 'v1', timestamp: 1_700_000_001_000 },
      ]);
      const group = uniqueName('v2-sub');
      const base = await createConsumer(group);
      expect((await post(`${base}/subscription`, { topics: [topic] })).statusCode).toBe(204);

      const sub = await app.inject({ method: 'GET', url: `${base}/subscription` });
      expect(sub.headers['content-type']).toContain(V2);
      expect(sub.json()).toEqual({ topics: [topic] });

      expect(await readAll(base, 2)).toEqual([
        {
          topic,
          key: b64('k'),
          value: b64('v0'),
          partition: 0,
          offset: 0,
          timestamp: 1_700_000_000_000,
          headers: [{ name: 'h', value: b64('x') }],
        },
        {
          topic,
          key: null,
          value: b64('v1'),
          partition: 0,
          offset: 1,
          timestamp: 1_700_000_001_000,
          headers: [],
        },
      ]);

      const commit = await post(`${base}/offsets`);
      expect(commit.statusCode).toBe(200);
      expect(commit.json()).toEqual([]);

      const committed = await app.inject({
        method: 'GET',
        url: `${base}/offsets`,
        headers: { 'content-type': V2 },
        payload: JSON.stringify({ partitions: [{ topic, partition: 0 }] }),
      });
      expect(committed.statusCode).toBe(200);
      expect(committed.json()).toEqual({
        offsets: [{ topic, partition: 0, offset: 2, metadata: '' }],
      });

      expect(
        (
          await post(`${base}/offsets`, {
            offsets: [{ topic, partition: 0, offset: 0, metadata: 'm' }],
          })
        ).statusCode,
      ).toBe(200);
      const explicit = await app.inject({
        method: 'GET',
        url: `${base}/offsets`,
        payload: JSON.stringify({ partitions: [{ topic, partition: 0 }] }),
        headers: { 'content-type': V2 },
      });
      // As upstream: an explicit commit of offset N stores N + 1.
      expect(explicit.json()).toEqual({
        offsets: [{ topic, partition: 0, offset: 1, metadata: 'm' }],
      });

      const unsubscribe = await app.inject({ method: 'DELETE', url: `${base}/subscription` });
      expect(unsubscribe.statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: `${base}/subscription` })).json()).toEqual({
        topics: [],
      });

      expect((await app.inject({ method: 'DELETE', url: base })).statusCode).toBe(204);
      const gone = await app.inject({
        method: 'GET',
        url: `${base}/records`,
        headers: { accept: BINARY },
      });
      expect(gone.statusCode).toBe(404);
      expect(gone.json()).toEqual({ error_code: 40403, message: 'Consumer instance not found.' });
    });

    it('subscribes by topic_pattern', async () => {
      const prefix = uniqueName('v2pat');
      const topic = await createFixtureTopic(`${prefix}-a`);
      await produceRecords(topic, [{ value: 'p' }]);
      const base = await createConsumer(uniqueName('v2-pat'));
      expect(
        (await post(`${base}/subscription`, { topic_pattern: `${prefix}-.*` })).statusCode,
      ).toBe(204);
      expect((await readAll(base, 1)).map((r) => r.value)).toEqual([b64('p')]);
      expect((await app.inject({ method: 'GET', url: `${base}/subscription` })).json()).toEqual({
        topics: [topic],
      });
    });

    it('answers 400 for a topic_pattern that backtracks catastrophically, and keeps serving', async () => {
      await createFixtureTopic(uniqueName('v2-redos-topic-with-a-long-name'));
      const base = await createConsumer(uniqueName('v2-redos'));
      await post(`${base}/subscription`, { topic_pattern: '(.?){40}!' });
      const res = await app.inject({
        method: 'GET',
        url: `${base}/records?timeout=100`,
        headers: { accept: BINARY },
      });
      expect([res.statusCode, res.json<{ message: string }>().message]).toEqual([
        400,
        'topic_pattern (.?){40}! takes too long to match the topic names',
      ]);
      expect((await app.inject({ method: 'GET', url: '/healthy' })).statusCode).toBe(200);
    });

    it('never skips a record a json consumer cannot read: the ones before it, then its error until a seek', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-json-bad'));
      await produceRecords(
        topic,
        ['1', '2', 'not json', '4'].map((value) => ({ value })),
      );
      const base = await createConsumer(uniqueName('v2-json-bad'), {
        format: 'json',
        'auto.offset.reset': 'earliest',
      });
      await post(`${base}/assignments`, { partitions: [{ topic, partition: 0 }] });
      let first: V2Record[] = [];
      for (let i = 0; i < 10 && first.length === 0; i++) {
        first = await fetchRecords(base, JSON_V2);
      }
      expect(first.map((r) => r.value)).toEqual([1, 2]);
      const poll = () =>
        app.inject({ method: 'GET', url: `${base}/records`, headers: { accept: JSON_V2 } });
      for (let failures = 0; failures < 2;) {
        const res = await poll();
        // [] while the records are fetched again after the consumer went back.
        if (res.body !== '[]') {
          // kafka-rest's JsonKafkaConsumerState throws a SerializationException: 408/40801.
          expect(res.statusCode).toBe(408);
          expect(res.json()).toEqual({
            error_code: 40801,
            message: `Error deserializing VALUE for partition ${topic}-0 at offset 2: not JSON. If needed, please seek past the record to continue consumption.`,
          });
          failures++;
        }
      }
      await post(`${base}/positions`, { offsets: [{ topic, partition: 0, offset: 3 }] });
      let after: V2Record[] = [];
      for (let i = 0; i < 10 && after.length === 0; i++) {
        after = await fetchRecords(base, JSON_V2);
      }
      expect(after.map((r) => r.value)).toEqual([4]);
    });

    it('embeds JSON for a json consumer and answers 406 40601 when Accept asks another format', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-json'));
      await produceRecords(topic, [{ key: '"k"', value: '{"foo":"bar"}' }]);
      const base = await createConsumer(uniqueName('v2-json'), { format: 'json' });
      await post(`${base}/subscription`, { topics: [topic] });
      const wrong = await app.inject({
        method: 'GET',
        url: `${base}/records`,
        headers: { accept: BINARY },
      });
      expect(wrong.statusCode).toBe(406);
      expect(wrong.json()).toEqual({
        error_code: 40601,
        message:
          'The requested embedded data format does not match the deserializer for this consumer instance',
      });
      let records: V2Record[] = [];
      for (let i = 0; i < 10 && records.length === 0; i++) {
        records = await fetchRecords(base, JSON_V2);
      }
      expect(records).toEqual([
        {
          topic,
          key: 'k',
          value: { foo: 'bar' },
          partition: 0,
          offset: 0,
          timestamp: expect.any(Number) as number,
          headers: [],
        },
      ]);
    });
  });

  describe('assignments and positions', () => {
    it('assigns partitions and seeks to offsets, the beginning, the end and timestamps', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-seek'), 2);
      await produceRecords(
        topic,
        [0, 1, 2, 3].map((i) => ({ value: `v${i}`, timestamp: 1_000_000 + i * 1_000 })),
      );
      const base = await createConsumer(uniqueName('v2-seek'));
      const partitions = [
        { topic, partition: 0 },
        { topic, partition: 1 },
      ];
      expect((await post(`${base}/assignments`, { partitions })).statusCode).toBe(204);
      const assigned = await app.inject({ method: 'GET', url: `${base}/assignments` });
      expect(assigned.headers['content-type']).toContain(V2);
      expect(assigned.json()).toEqual({ partitions });

      const values = (records: V2Record[]): string[] =>
        records.map((r) => Buffer.from(r.value as string, 'base64').toString());
      expect(
        (
          await post(`${base}/positions`, {
            offsets: [{ topic, partition: 0, offset: 2, metadata: null }],
          })
        ).statusCode,
      ).toBe(204);
      expect(values(await readAll(base, 2))).toEqual(['v2', 'v3']);

      // An ISO-8601 instant, and epoch seconds as a Java client with Jackson's JavaTimeModule
      // defaults writes an Instant; each after going back to the beginning.
      for (const timestamp of [1_001.5, new Date(1_001_500).toISOString()]) {
        expect(
          (await post(`${base}/positions/beginning`, { partitions: [partitions[0]] })).statusCode,
        ).toBe(204);
        expect(values(await readAll(base, 4))).toEqual(['v0', 'v1', 'v2', 'v3']);
        expect(
          (
            await post(`${base}/positions`, {
              offsets: null,
              timestamps: [{ topic, partition: 0, timestamp, metadata: null }],
            })
          ).statusCode,
        ).toBe(204);
        expect(values(await readAll(base, 2))).toEqual(['v2', 'v3']);
      }

      expect((await post(`${base}/positions/end`, { partitions })).statusCode).toBe(204);
      expect(await fetchRecords(base)).toEqual([]);
    });

    it('answers each poll with the records at its position, also after the next page was rendered ahead', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-ahead'));
      // key-N + value-NN: 13 bytes up to offset 9, then 14; max_bytes counts keys and values,
      // and, as kafka-rest, a page stays strictly below it.
      await produceMany(topic, 40, 1, (i) => `value-${i + 10}`);
      const base = await createConsumer(uniqueName('v2-ahead'));
      await post(`${base}/assignments`, { partitions: [{ topic, partition: 0 }] });
      const poll = async (maxBytes: number): Promise<number[]> => {
        const res = await app.inject({
          method: 'GET',
          url: `${base}/records?timeout=1000&max_bytes=${maxBytes}`,
          headers: { accept: BINARY },
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<V2Record[]>().map((r) => r.offset);
      };
      // The gateway renders the next page while the client is away: give it the time to.
      const away = (): Promise<void> => new Promise((r) => setTimeout(r, 300));
      expect(await poll(66)).toEqual([0, 1, 2, 3, 4]);
      await away();
      expect(await poll(66)).toEqual([5, 6, 7, 8, 9]);
      await away();
      // A seek: the page rendered for offsets 10-14 is not what this poll returns.
      await post(`${base}/positions`, { offsets: [{ topic, partition: 0, offset: 2 }] });
      expect(await poll(66)).toEqual([2, 3, 4, 5, 6]);
      await away();
      // Another max_bytes: neither is the page rendered for 66 bytes.
      expect(await poll(43)).toEqual([7, 8, 9]);
      await away();
      expect(await poll(43)).toEqual([10, 11, 12]);
      await post(`${base}/offsets`);
      await away();
      // A commit moves no position: the page rendered ahead is the right answer.
      expect(await poll(43)).toEqual([13, 14, 15]);
    });

    it('returns 409 40903 for a seek on an unassigned partition and for subscribing while assigned', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-state'));
      const base = await createConsumer(uniqueName('v2-state'));
      const seek = await post(`${base}/positions`, {
        offsets: [{ topic, partition: 0, offset: 0 }],
      });
      expect(seek.statusCode).toBe(409);
      expect(seek.json()).toEqual({
        error_code: 40903,
        message: `Illegal state: No current assignment for partition ${topic}-0`,
      });
      await post(`${base}/assignments`, { partitions: [{ topic, partition: 0 }] });
      const subscribe = await post(`${base}/subscription`, { topics: [topic] });
      expect(subscribe.statusCode).toBe(409);
      expect(subscribe.json()).toEqual({
        error_code: 40903,
        message:
          'Illegal state: Subscription to topics, partitions and pattern are mutually exclusive',
      });
    });

    // The Java consumer retries an assigned partition it cannot find and returns no records.
    it('answers [] for an assigned partition of a topic that does not exist yet, then reads it', async () => {
      const topic = uniqueName('v2-later');
      const base = await createConsumer(uniqueName('v2-later'));
      const assigned = await post(`${base}/assignments`, { partitions: [{ topic, partition: 0 }] });
      expect(assigned.statusCode).toBe(204);
      expect(await fetchRecords(base)).toEqual([]);
      await createFixtureTopic(topic);
      await produceRecords(topic, [{ key: null, value: 'late' }]);
      const read = await readAll(base, 1);
      expect(read.map((r) => r.value)).toEqual([b64('late')]);
    });

    // The Java client's SubscriptionState: topics, a pattern and assigned partitions exclude
    // each other until an unsubscribe.
    it('returns 409 40903 for a pattern after topics and topics after a pattern', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-state'));
      const conflict = {
        error_code: 40903,
        message:
          'Illegal state: Subscription to topics, partitions and pattern are mutually exclusive',
      };
      const byTopics = await createConsumer(uniqueName('v2-state'));
      expect((await post(`${byTopics}/subscription`, { topics: [topic] })).statusCode).toBe(204);
      expect(
        (await post(`${byTopics}/subscription`, { topics: [topic, 'other'] })).statusCode,
      ).toBe(204);
      const pattern = await post(`${byTopics}/subscription`, { topic_pattern: `${topic}.*` });
      expect([pattern.statusCode, pattern.json()]).toEqual([409, conflict]);

      const byPattern = await createConsumer(uniqueName('v2-state'));
      expect(
        (await post(`${byPattern}/subscription`, { topic_pattern: `${topic}.*` })).statusCode,
      ).toBe(204);
      const topics = await post(`${byPattern}/subscription`, { topics: [topic] });
      expect([topics.statusCode, topics.json()]).toEqual([409, conflict]);
      const unsubscribed = await app.inject({ method: 'DELETE', url: `${byPattern}/subscription` });
      expect(unsubscribed.statusCode).toBe(204);
      expect((await post(`${byPattern}/subscription`, { topics: [topic] })).statusCode).toBe(204);
    });
  });

  describe('exactly-once delivery', () => {
    it('resumes a group from its commit after the instance is deleted', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-resume'));
      await produceMany(topic, 100);
      const group = uniqueName('v2-resume');
      const first = await createConsumer(group);
      await post(`${first}/subscription`, { topics: [topic] });
      const part1: V2Record[] = [];
      while (part1.length === 0) {
        part1.push(...(await fetchRecords(first)));
      }
      await post(`${first}/offsets`);
      await app.inject({ method: 'DELETE', url: first });

      const second = await createConsumer(group);
      await post(`${second}/subscription`, { topics: [topic] });
      const part2 = await readAll(second, 100 - part1.length);
      expect([...part1, ...part2].map((r) => r.offset)).toEqual(
        Array.from({ length: 100 }, (_, i) => i),
      );
    });

    it('splits a topic between two instances of a group on two gateways, committing after each fetch, with no gap or duplicate', async () => {
      const other = await createTestApp();
      try {
        const topic = await createFixtureTopic(uniqueName('v2-rebalance'), 4);
        await produceMany(topic, 200, 4);
        const group = uniqueName('v2-rebalance');
        const a = await createConsumer(group, {}, app);
        const b = await createConsumer(group, {}, other);
        await post(`${a}/subscription`, { topics: [topic] }, app);
        const seen: V2Record[] = [];
        const fromB: V2Record[] = [];
        const deadline = Date.now() + 40_000;
        let produced = false;
        const loop = async (base: string, target: NestFastifyApplication, sink: V2Record[]) => {
          while (!(produced && seen.length >= 400) && Date.now() < deadline) {
            const records = await fetchRecords(base, BINARY, target);
            seen.push(...records);
            sink.push(...records);
            expect((await post(`${base}/offsets`, undefined, target)).statusCode).toBe(200);
          }
        };
        const loopA = loop(a, app, []);
        // b joins once a owns every partition and has consumed part of them: a rebalance.
        while (seen.length < 50 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await post(`${b}/subscription`, { topics: [topic] }, other);
        const loops = Promise.all([loopA, loop(b, other, fromB)]);
        // Once both own partitions, produce more: the rebalance happened with records in flight.
        while (
          ((await owned(a, app)) === 0 || (await owned(b, other)) === 0) &&
          Date.now() < deadline
        ) {
          await new Promise((r) => setTimeout(r, 200));
        }
        await produceMany(topic, 200, 4, (i) => `value-${200 + i}`);
        produced = true;
        await loops;
        expect(fromB.length).toBeGreaterThan(0);
        const values = seen.map((r) => Buffer.from(r.value as string, 'base64').toString()).sort();
        expect(values).toEqual(Array.from({ length: 400 }, (_, i) => `value-${i}`).sort());
      } finally {
        await other.close();
      }
    });
  });

  describe('rebalances', () => {
    // The Java consumer's poll returns at its timeout while the coordinator waits for the other
    // members to rejoin (up to the rebalance timeout, 60 s); so does GET records here.
    it('answers GET records within its timeout while the group waits for an idle member', async () => {
      const topic = await createFixtureTopic(uniqueName('v2-join'), 2);
      await produceMany(topic, 10, 2);
      const group = uniqueName('v2-join');
      const a = await createConsumer(group);
      await post(`${a}/subscription`, { topics: [topic] });
      expect((await readAll(a, 10)).length).toBe(10);

      // a is idle now: b's join waits for it to rejoin.
      const b = await createConsumer(group);
      await post(`${b}/subscription`, { topics: [topic] });
      const started = Date.now();
      expect(await fetchRecords(b)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(10_000);

      // Once a polls again it rejoins, and the group settles with a partition each.
      const deadline = Date.now() + 30_000;
      while (((await owned(a)) !== 1 || (await owned(b)) !== 1) && Date.now() < deadline) {
        await Promise.all([fetchRecords(a), fetchRecords(b)]);
      }
      expect([await owned(a), await owned(b)]).toEqual([1, 1]);
    });

    // The eager Java consumer drops every position on a rebalance and re-reads from the committed
    // offset: a consumer that had not committed got its records again. Here a member that gets
    // its partitions back in the next generation reads on from where it was, also when its rejoin
    // outlasted the poll that started it (another member was slow to rejoin).
    it('reads on without duplicates from partitions a rebalance gives back, with nothing committed', async () => {
      const [topic, other] = await Promise.all([
        createFixtureTopic(uniqueName('v2-keep'), 2),
        createFixtureTopic(uniqueName('v2-keep-other'), 1),
      ]);
      await produceMany(topic, 10, 2);
      const group = uniqueName('v2-keep');
      const [a, c] = [await createConsumer(group), await createConsumer(group)];
      await post(`${a}/subscription`, { topics: [topic] });
      await post(`${c}/subscription`, { topics: [other] });
      const read: V2Record[] = [];
      const deadline = Date.now() + 40_000;
      while (((await owned(a)) !== 2 || (await owned(c)) !== 1) && Date.now() < deadline) {
        const [fromA] = await Promise.all([fetchRecords(a), fetchRecords(c)]);
        read.push(...fromA);
      }
      read.push(...(await readAll(a, 10 - read.length)));
      expect(read.length).toBe(10);

      // b joins: the group waits for c, which is not polling, so a's rejoin outlasts its polls.
      const b = await createConsumer(group);
      await post(`${b}/subscription`, { topics: [other] });
      const again: V2Record[] = [];
      const pollA = async () => {
        for (const until = Date.now() + 5_000; Date.now() < until;) {
          again.push(...(await fetchRecords(a)));
        }
      };
      await Promise.all([fetchRecords(b), pollA()]);
      expect(await owned(a)).toBe(0);
      while (
        ((await owned(a)) !== 2 || (await owned(b)) + (await owned(c)) !== 1) &&
        Date.now() < deadline
      ) {
        const [fromA] = await Promise.all([fetchRecords(a), fetchRecords(b), fetchRecords(c)]);
        again.push(...fromA);
      }
      expect(await owned(a)).toBe(2);
      again.push(...(await fetchRecords(a)));
      expect(again).toEqual([]);

      await produceMany(topic, 2, 2, (i) => `after-${i}`);
      const after = await readAll(a, 2);
      expect(after.map((r) => Buffer.from(r.value as string, 'base64').toString()).sort()).toEqual([
        'after-0',
        'after-1',
      ]);
    });
  });

  describe('instance expiry', () => {
    it('closes an idle instance after consumer.instance.timeout.ms', async () => {
      const short = await createTestApp({ KAFKA_REST_CONSUMER_INSTANCE_TIMEOUT_MS: '500' });
      try {
        const base = await createConsumer(uniqueName('v2-expiry'), {}, short);
        expect(
          (await short.inject({ method: 'GET', url: `${base}/subscription` })).statusCode,
        ).toBe(200);
        await new Promise((r) => setTimeout(r, 1_500));
        const res = await short.inject({ method: 'GET', url: `${base}/subscription` });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error_code: 40403, message: 'Consumer instance not found.' });
      } finally {
        await short.close();
      }
    });
  });
});
