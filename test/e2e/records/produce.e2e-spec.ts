import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { readRecords } from '../../support/read-records';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const SPEC_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

// Apache Kafka's murmur2 test vectors (UtilsTest#testMurmur2): the expected partitions come
// from the Java client's own published hashes, not from the code under test.
const JAVA_MURMUR2: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

const CANNOT_CONSTRUCT =
  'Cannot construct instance of `io.confluent.kafkarest.entities.v3.ProduceRequest$ProduceRequestData`, problem: ';

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records (one record)', () => {
  const bootstrap = inject('kafkaBootstrap');
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(clusterId: string, topic: string, payload: unknown, prefix = '/v3') {
    const res = await app.inject({
      method: 'POST',
      url: `${prefix}/clusters/${clusterId}/topics/${topic}/records`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    await expectToMatchSpec(res, 'POST', SPEC_PATH);
    return res;
  }

  it('returns the receipt and writes key, value, headers and timestamp as given', async () => {
    const { topic, clusterId } = await ctx.newTopic({ partitions: 3 });
    const res = await post(clusterId, topic, {
      partition_id: 2,
      headers: [
        { name: 'h', value: b64('one') },
        { name: 'n', value: null },
        { name: 'h', value: b64('two') },
      ],
      key: { type: 'STRING', data: 'my-key' },
      value: { type: 'JSON', data: { a: [1, 'x'] } },
      timestamp: '2021-02-05T19:14:42Z',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      error_code: 200,
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: 2,
      offset: 0,
      timestamp: '2021-02-05T19:14:42Z',
      key: { type: 'STRING', size: 6 },
      value: { type: 'JSON', size: 13 },
    });
    const { records } = await readRecords(bootstrap, topic, { partition: 2, count: 1 });
    expect(records).toEqual([
      {
        partition: 2,
        offset: 0,
        timestamp: Date.parse('2021-02-05T19:14:42Z'),
        key: Buffer.from('my-key'),
        value: Buffer.from('{"a":[1,"x"]}'),
        headers: [
          ['h', Buffer.from('one')],
          ['n', null],
          ['h', Buffer.from('two')],
        ],
      },
    ]);
  });

  it('reads header values as Jackson reads a byte[]: units apart, after padding, empty', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const res = await post(clusterId, topic, {
      headers: [
        { name: 'spaced', value: ' b25l dHdv ' },
        { name: 'padded', value: 'QQ==QQ==' },
        { name: 'empty', value: '' },
      ],
      value: { type: 'STRING', data: 'x' },
    });
    expect(res.json<{ error_code: number }>().error_code, res.body).toBe(200);
    const { records } = await readRecords(bootstrap, topic, { count: 1 });
    expect(records[0].headers).toEqual([
      ['spaced', Buffer.from('onetwo')],
      ['padded', Buffer.from('AA')],
      ['empty', Buffer.alloc(0)],
    ]);
  });

  // A Java client with Jackson's JavaTimeModule defaults writes an Instant as epoch seconds.
  it('reads a timestamp given as epoch seconds, as Jackson reads an Instant', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    for (const timestamp of [1_612_552_482.25, '1612552482']) {
      const res = await post(clusterId, topic, { value: { type: 'STRING', data: 'x' }, timestamp });
      expect(res.json<{ error_code: number }>().error_code, res.body).toBe(200);
    }
    const { records } = await readRecords(bootstrap, topic, { count: 2 });
    expect(records.map((r) => r.timestamp)).toEqual([1_612_552_482_250, 1_612_552_482_000]);
  });

  it('refuses a timestamp beyond what a receipt can show before writing the record', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const refused = await post(clusterId, topic, {
      value: { type: 'STRING', data: 'x' },
      timestamp: 1e13,
    });
    expect(refused.json<{ error_code: number }>().error_code).toBe(400);
    const kept = await post(clusterId, topic, { value: { type: 'STRING', data: 'y' } });
    expect(kept.json<{ offset: number }>().offset).toBe(0);
  });

  it('refuses a timestamp before 1970, as the Java producer does, and writes nothing', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const refused = await post(clusterId, topic, {
      value: { type: 'STRING', data: 'x' },
      timestamp: '1960-01-01T00:00:00Z',
    });
    expect(refused.json()).toEqual({
      error_code: 400,
      message: 'Invalid timestamp: -315619200000. Timestamp should always be non-negative or null.',
    });
    const epoch = await post(clusterId, topic, {
      value: { type: 'STRING', data: 'y' },
      timestamp: '1970-01-01T00:00:00Z',
    });
    expect(epoch.json<{ offset: number }>().offset).toBe(0);
    const { records } = await readRecords(bootstrap, topic, { count: 1 });
    expect(records.map((r) => [r.value?.toString(), r.timestamp])).toEqual([['y', 0]]);
  });

  it('writes BINARY data decoded and an omitted key as null, under /kafka/v3 too', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const before = Date.now();
    const res = await post(
      clusterId,
      topic,
      { value: { type: 'BINARY', data: b64('bytes') } },
      '/kafka/v3',
    );
    const receipt = res.json<{ timestamp: string }>();
    expect(receipt).toEqual({
      error_code: 200,
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: 0,
      offset: 0,
      timestamp: expect.any(String) as unknown,
      value: { type: 'BINARY', size: 5 },
    });
    const { records } = await readRecords(bootstrap, topic, { count: 1 });
    expect(records[0]).toMatchObject({ key: null, value: Buffer.from('bytes'), headers: [] });
    expect(records[0].timestamp).toBeGreaterThanOrEqual(before);
    expect(Date.parse(receipt.timestamp)).toBe(records[0].timestamp);
  });

  it('reports size -1 for null key and value data and 0 for empty data, as RecordMetadata', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const nulls = await post(clusterId, topic, {
      key: { type: 'BINARY', data: null },
      value: { type: 'JSON' },
    });
    expect(nulls.json()).toEqual({
      error_code: 200,
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: 0,
      offset: 0,
      timestamp: expect.any(String) as unknown,
      key: { type: 'BINARY', size: -1 },
      value: { type: 'JSON', size: -1 },
    });
    const empty = await post(clusterId, topic, {
      key: { type: 'STRING', data: '' },
      value: { type: 'BINARY', data: '' },
    });
    expect(empty.json()).toMatchObject({
      offset: 1,
      key: { type: 'STRING', size: 0 },
      value: { type: 'BINARY', size: 0 },
    });
    const { records } = await readRecords(bootstrap, topic, { count: 2 });
    expect(records.map((r) => [r.key, r.value])).toEqual([
      [null, null],
      [Buffer.alloc(0), Buffer.alloc(0)],
    ]);
  });

  it("reads BINARY data as Guava's base64 does: trailing padding missing or too long", async () => {
    const { topic, clusterId } = await ctx.newTopic();
    for (const data of ['QQ', 'QQ=', 'QQ===', 'QUI==']) {
      const res = await post(clusterId, topic, { value: { type: 'BINARY', data } });
      expect(res.json<{ error_code: number }>().error_code, data).toBe(200);
    }
    const { records } = await readRecords(bootstrap, topic, { count: 4 });
    expect(records.map((r) => r.value?.toString())).toEqual(['A', 'A', 'A', 'AB']);
  });

  it('puts keyed records on the partitions the Java client picks', async () => {
    const partitions = 5;
    const { topic, clusterId } = await ctx.newTopic({ partitions });
    for (const [key, hash] of JAVA_MURMUR2) {
      const res = await post(clusterId, topic, {
        key: { type: 'STRING', data: key },
        value: { type: 'STRING', data: key },
      });
      const expected = (hash & 0x7fffffff) % partitions;
      expect(res.json<{ partition_id: number }>().partition_id, key).toBe(expected);
      const { records } = await readRecords(bootstrap, topic, {
        partition: expected,
        count: 1,
        fromOffset: res.json<{ offset: number }>().offset,
      });
      expect(records[0].key?.toString()).toBe(key);
    }
  });

  it("refuses data nested deeper than Jackson's 1000 levels with a 400, on every produce path", async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const nested = (depth: number): unknown =>
      JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;
    const deep = 'Document nesting depth (1001) exceeds the maximum allowed (1000';
    const single = await post(clusterId, topic, { value: { type: 'JSON', data: nested(1001) } });
    expect(single.json()).toEqual({
      error_code: 400,
      message: expect.stringContaining(deep) as unknown,
    });
    // The whole document counts: the record object and `value` are two levels.
    const ok = await post(clusterId, topic, { value: { type: 'JSON', data: nested(998) } });
    expect(ok.json<{ error_code: number }>().error_code).toBe(200);
    const batch = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        entries: [{ id: 'a', value: { type: 'JSON', data: nested(1001) } }],
      }),
    });
    expect([batch.statusCode, batch.json<{ message: string }>().message]).toEqual([
      400,
      expect.stringContaining(deep),
    ]);
    const v2 = await app.inject({
      method: 'POST',
      url: `/topics/${topic}`,
      headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
      // Written as text: JSON.stringify of 5000 levels overflows this test's own stack.
      payload: `{"records":[{"value":${'['.repeat(5000)}1${']'.repeat(5000)}}]}`,
    });
    expect(v2.statusCode).toBe(400);
    // The process keeps serving.
    expect((await post(clusterId, topic, { value: { type: 'JSON', data: 1 } })).statusCode).toBe(
      200,
    );
  });

  it('answers 40401 at once for an unknown topic', async () => {
    const clusterId = await ctx.clusterId();
    const started = Date.now();
    const missing = uniqueName('missing');
    const res = await post(clusterId, missing, {
      value: { type: 'STRING', data: 'x' },
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      error_code: 40401,
      message: `Topic ${missing} not present in metadata.`,
    });
  });

  it('serializes a record before looking up its topic: bad data to a missing topic is a 400', async () => {
    // kafka-rest serializes the key and value first; only the producer's send needs the topic.
    const clusterId = await ctx.clusterId();
    const missing = uniqueName('missing');
    const bad = await post(clusterId, missing, { value: { type: 'BINARY', data: 1 } });
    expect(bad.json()).toEqual({
      error_code: 400,
      message: 'Bad Request: data=1 is not a base64 string.',
    });
    const { topic } = await ctx.newTopic();
    const beyond = await post(clusterId, topic, {
      partition_id: 5,
      value: { type: 'BINARY', data: 1 },
    });
    expect(beyond.json()).toEqual(bad.json());
  });

  it('answers 40402 for a negative partition, 40401 at once for one beyond the count', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const negative = await post(clusterId, topic, {
      partition_id: -1,
      value: { type: 'STRING', data: 'x' },
    });
    expect(negative.json()).toEqual({ error_code: 40402, message: 'Partition not found.' });
    // kafka-rest: the Java producer's TimeoutException after max.block.ms (60 s), as 40401.
    const beyond = await post(clusterId, topic, {
      partition_id: 1,
      value: { type: 'STRING', data: 'x' },
    });
    expect(beyond.json()).toEqual({
      error_code: 40401,
      message: `Partition 1 of topic ${topic} with partition count 1 is not present in metadata.`,
    });
  });

  it('sends to a partition added after the topic was first used, as the Java producer', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const first = await post(clusterId, topic, { value: { type: 'STRING', data: 'a' } });
    expect(first.json()).toMatchObject({ error_code: 200, partition_id: 0 });
    const grown = await app.inject({
      method: 'PATCH',
      url: `/v3/clusters/${clusterId}/topics/${topic}`,
      payload: { partitions_count: 2 },
    });
    expect(grown.statusCode).toBe(200);
    // The count remembered from the first record is too low: it is looked up again.
    await new Promise((r) => setTimeout(r, 250));
    const added = await post(clusterId, topic, {
      partition_id: 1,
      value: { type: 'STRING', data: 'b' },
    });
    expect(added.json()).toMatchObject({ error_code: 200, partition_id: 1, offset: 0 });
    const v2 = await app.inject({
      method: 'POST',
      url: `/topics/${topic}/partitions/1`,
      headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
      payload: { records: [{ value: 'c' }] },
    });
    expect(v2.json()).toMatchObject({ offsets: [{ partition: 1, offset: 1, error_code: null }] });
  });

  it('answers a 400 receipt for data that does not match its type', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const cases: [unknown, string][] = [
      [{ value: { type: 'BINARY', data: 1 } }, 'Bad Request: data=1 is not a base64 string.'],
      [
        { value: { type: 'BINARY', data: 'QQ=a' } },
        'Bad Request: data="QQ=a" is not a valid base64 string.',
      ],
      [{ value: { type: 'STRING', data: { a: 1 } } }, 'Bad Request: data={"a":1} is not a string.'],
      // The spec's own examples: a header value Jackson reads as byte[], an Integer field.
      [
        { headers: [{ name: 'h', value: 'YQ' }] },
        'Cannot deserialize value of type `byte[]` from String "": Unexpected end of base64-encoded ' +
          "String: base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters) " +
          'at the end. This Base64Variant might have been incorrectly configured',
      ],
      [
        { headers: [{ name: 'h', value: 'a%b=' }] },
        "Illegal character '%' (code 0x25) in base64 content",
      ],
      [
        { partition_id: 'A' },
        'Cannot deserialize value of type `java.lang.Integer` from String "A": not a valid `java.lang.Integer` value',
      ],
      // kafka-rest's ProduceRequestData.Builder.build() checks, as Jackson words their failure.
      [
        { value: { type: 'JSON', data: 1, schema_id: 3 } },
        `${CANNOT_CONSTRUCT}'type=JSON' cannot be used with 'schema_id'.`,
      ],
      [
        { value: { type: 'AVRO', schema_version: 1, data: 1 } },
        `${CANNOT_CONSTRUCT}'schema_version=1' cannot be used with 'serializer'.`,
      ],
      [
        { value: { type: 'PROTOBUF', data: 1 } },
        `${CANNOT_CONSTRUCT}'schema_version=latest' cannot be used with 'serializer'.`,
      ],
      [
        { value: { subject: 's', subject_name_strategy: 'TOPIC_NAME', data: 1 } },
        `${CANNOT_CONSTRUCT}Only one of 'subject_name_strategy' or 'subject' can be used.`,
      ],
    ];
    for (const [payload, message] of cases) {
      const res = await post(clusterId, topic, payload);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ error_code: 400, message });
    }
  });

  it("answers a 400 receipt with Jackson's first line for an unknown top-level field", async () => {
    // kafka-rest ProduceActionNoSchemaIntegrationTest.produceWithInvalidData_throwsBadRequest.
    const { topic, clusterId } = await ctx.newTopic();
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers: { 'content-type': 'application/json' },
      payload: '{ "records": {"subject": "foobar" } }',
    });
    await expectToMatchSpec(res, 'POST', SPEC_PATH);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      error_code: 400,
      message:
        'Unrecognized field "records" (class io.confluent.kafkarest.entities.v3.AutoValue_ProduceRequest$Builder), ' +
        'not marked as ignorable (6 known properties: "value", "originalSize", "partitionId", ' +
        '"headers", "key", "timestamp"])',
    });
  });

  it('answers 422 for an empty body and 415 for another content type', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const url = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const empty = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
    });
    await expectToMatchSpec(empty, 'POST', SPEC_PATH);
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Request body is empty. Data is required.',
    });
    const text = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    await expectToMatchSpec(text, 'POST', SPEC_PATH);
    expect(text.statusCode).toBe(415);
  });

  it('replays the receipt of a retried Idempotency-Key and produces nothing again', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const url = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const send = (key: string, data: string) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        payload: JSON.stringify({ value: { type: 'STRING', data } }),
      });
    const first = await send('retry-1', 'once');
    const again = await send('retry-1', 'once');
    await expectToMatchSpec(again, 'POST', SPEC_PATH);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const mismatch = await send('retry-1', 'other');
    await expectToMatchSpec(mismatch, 'POST', SPEC_PATH);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Idempotency-Key was already used with a different request body.',
    });
    const next = await send('retry-2', 'twice');
    expect(next.json<{ offset: number }>().offset).toBe(1);
    const { records } = await readRecords(bootstrap, topic, { count: 3, timeoutMs: 1_000 });
    expect(records.map((r) => r.value?.toString())).toEqual(['once', 'twice']);
  });
});

// kafka-rest ProduceActionRateLimitIntegrationTest: one limit set to 1, the same JSON record.
describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records (rate limited)', () => {
  const record = JSON.stringify({
    key: { type: 'JSON', data: 'foo' },
    value: { type: 'JSON', data: 'bar' },
  });
  const limited = {
    error_code: 429,
    message:
      'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
  };

  async function withLimit(
    limit: string,
    run: (app: NestFastifyApplication, url: string) => Promise<void>,
  ): Promise<void> {
    const app = await createTestApp({
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: 'true',
      [`KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_${limit}`]: '1',
    });
    try {
      const { topic, clusterId } = await new TestContext(app).newTopic({ partitions: 3 });
      await run(app, `/v3/clusters/${clusterId}/topics/${topic}/records`);
    } finally {
      await app.close();
    }
  }

  async function post(app: NestFastifyApplication, url: string, payload = record) {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload,
    });
    await expectToMatchSpec(res, 'POST', SPEC_PATH);
    expect(res.statusCode).toBe(200);
    return res.json<{ error_code: number }>();
  }

  it.each(['MAX_BYTES_GLOBAL_PER_SEC', 'MAX_BYTES_PER_SEC'])(
    'answers a 429 receipt for the first record over %s=1 (HTTP 200)',
    async (limit) => {
      await withLimit(limit, async (app, url) => {
        expect(Buffer.byteLength(record)).toBeGreaterThan(1);
        expect(await post(app, url)).toEqual(limited);
      });
    },
  );

  it.each(['MAX_REQUESTS_GLOBAL_PER_SEC', 'MAX_REQUESTS_PER_SEC'])(
    'lets the first record through %s=1 and answers a 429 receipt for the second',
    async (limit) => {
      await withLimit(limit, async (app, url) => {
        expect((await post(app, url)).error_code).toBe(200);
        expect(await post(app, url)).toEqual(limited);
      });
    },
  );

  it('takes no permit for a record that does not map (its 400 comes first)', async () => {
    await withLimit('MAX_REQUESTS_GLOBAL_PER_SEC', async (app, url) => {
      expect((await post(app, url, '{"nope": 1}')).error_code).toBe(400);
      expect((await post(app, url)).error_code).toBe(200);
    });
  });
});
