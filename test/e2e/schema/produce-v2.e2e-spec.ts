import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { readRecords } from '../../support/read-records';
import {
  AVRO,
  confluentBytes,
  registerSchema,
  registry,
  SCHEMA_FIXTURES,
  setCompatibility,
} from '../../support/schema-fixtures';
import { schemaRegistryUrl } from '../../support/schema-registry';
import { TestContext } from '../../support/test-context';

// The v2 API is not in the v3 OpenAPI spec: the documented shape (v2 docs "POST /topics/(topic)")
// is asserted whole.
describe('POST /topics/:topic_name with schema formats', () => {
  const bootstrap = inject('kafkaBootstrap');
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp({ KAFKA_REST_SCHEMA_REGISTRY_URL: schemaRegistryUrl() });
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  function post(url: string, format: string, payload: unknown) {
    return app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': `application/vnd.kafka.${format}.v2+json` },
      payload: JSON.stringify(payload),
    });
  }

  describe.each(SCHEMA_FIXTURES)('$v2Format', (f) => {
    it('registers key_schema and value_schema and writes Confluent wire format', async () => {
      const { topic } = await ctx.newTopic();
      const res = await post(`/topics/${topic}`, f.v2Format, {
        key_schema: f.schema,
        value_schema: f.schema,
        records: [{ key: f.data, value: f.data }, { value: f.data }, { value: null }],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/vnd\.kafka\.v2\+json/);
      const body = res.json<{ key_schema_id: number; value_schema_id: number }>();
      expect(body).toEqual({
        offsets: [0, 1, 2].map((offset) => ({
          partition: 0,
          offset,
          error_code: null,
          error: null,
        })),
        key_schema_id: expect.any(Number) as unknown,
        value_schema_id: expect.any(Number) as unknown,
      });
      const { records } = await readRecords(bootstrap, topic, { count: 3 });
      expect(records.map((r) => [r.key, r.value])).toEqual([
        [confluentBytes(body.key_schema_id, f), confluentBytes(body.value_schema_id, f)],
        [null, confluentBytes(body.value_schema_id, f)],
        [null, null],
      ]);
      const subjects = await registry('GET', `/subjects/${topic}-key/versions`);
      expect(subjects.json).toEqual([1]);
    });

    it('uses value_schema_id and answers null key_schema_id without keys', async () => {
      const { topic } = await ctx.newTopic({ partitions: 2 });
      const id = await registerSchema(`${topic}-value`, f);
      const res = await post(`/topics/${topic}/partitions/1`, f.v2Format, {
        value_schema_id: id,
        records: [{ value: f.data }],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        offsets: [{ partition: 1, offset: 0, error_code: null, error: null }],
        key_schema_id: null,
        value_schema_id: id,
      });
      const { records } = await readRecords(bootstrap, topic, { partition: 1, count: 1 });
      expect(records[0].value).toEqual(confluentBytes(id, f));
    });

    it('answers 42201 and 42202 when keys or values come without a schema', async () => {
      const { topic } = await ctx.newTopic();
      const noKeySchema = await post(`/topics/${topic}`, f.v2Format, {
        value_schema: f.schema,
        records: [{ key: f.data, value: f.data }],
      });
      expect(noKeySchema.statusCode).toBe(422);
      expect(noKeySchema.json()).toEqual({
        error_code: 42201,
        message: 'Request includes keys but does not include key schema',
      });
      const noValueSchema = await post(`/topics/${topic}`, f.v2Format, {
        records: [{ value: f.data }],
      });
      expect(noValueSchema.statusCode).toBe(422);
      expect(noValueSchema.json()).toEqual({
        error_code: 42202,
        message: 'Request includes values but does not include value schema',
      });
    });

    it('rejects the whole request when one record does not match, producing nothing', async () => {
      const { topic } = await ctx.newTopic();
      const res = await post(`/topics/${topic}`, f.v2Format, {
        value_schema: f.schema,
        records: [{ value: f.data }, { value: f.invalidData }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error_code: 400, message: expect.any(String) as unknown });
      const ok = await post(`/topics/${topic}`, f.v2Format, {
        value_schema: f.schema,
        records: [{ value: f.data }],
      });
      expect(ok.json()).toMatchObject({ offsets: [{ partition: 0, offset: 0 }] });
    });

    it('accepts a compatible value_schema and refuses an incompatible one (42207)', async () => {
      const { topic } = await ctx.newTopic();
      await registerSchema(`${topic}-value`, f);
      await setCompatibility(`${topic}-value`, 'BACKWARD');
      const compatible = await post(`/topics/${topic}`, f.v2Format, {
        value_schema: f.compatible,
        records: [{ value: f.data }],
      });
      expect(compatible.statusCode, compatible.body).toBe(200);
      const incompatible = await post(`/topics/${topic}`, f.v2Format, {
        value_schema: f.incompatible,
        records: [{ value: f.data }],
      });
      expect(incompatible.statusCode).toBe(422);
      expect(incompatible.json()).toEqual({
        error_code: 42207,
        message: expect.stringMatching(
          /^Error serializing message\. [\s\S]*\n.*; error code: 409$/,
        ) as unknown,
      });
      expect((await registry('GET', `/subjects/${topic}-value/versions`)).json).toEqual([1, 2]);
    });

    it('answers 42205 for a schema that does not parse', async () => {
      const { topic } = await ctx.newTopic();
      const res = await post(`/topics/${topic}`, f.v2Format, {
        value_schema: '{ nope',
        records: [{ value: f.data }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error_code: 42205,
        message: expect.stringMatching(/^Invalid schema: /) as unknown,
      });
    });
  });

  // kafka-rest's checkArgumentWrapper means a 400 (a null detail makes it a 500 there).
  it('answers 400 for a schema and a schema id together, before any value schema is registered', async () => {
    const { topic } = await ctx.newTopic();
    const id = await registerSchema(`${topic}-value`, AVRO);
    for (const format of ['avro', 'jsonschema', 'protobuf']) {
      const bothValue = await post(`/topics/${topic}`, format, {
        value_schema: AVRO.schema,
        value_schema_id: id,
        records: [{ value: AVRO.data }],
      });
      expect(bothValue.statusCode, format).toBe(400);
      expect(bothValue.json()).toEqual({
        error_code: 400,
        message: 'Unsupported argument: value_schema_id cannot be used together with value_schema.',
      });
    }
    const bothKey = await post(`/topics/${topic}`, 'avro', {
      key_schema: AVRO.schema,
      key_schema_id: id,
      value_schema: AVRO.compatible,
      records: [{ value: AVRO.data }],
    });
    expect(bothKey.statusCode).toBe(400);
    expect(bothKey.json()).toEqual({
      error_code: 400,
      message: 'Unsupported argument: key_schema_id cannot be used together with key_schema.',
    });
    // The key is resolved first: the value schema was neither looked up nor registered.
    expect((await registry('GET', `/subjects/${topic}-value/versions`)).json).toEqual([1]);
    const next = await post(`/topics/${topic}`, 'avro', {
      value_schema_id: id,
      records: [{ value: AVRO.data }],
    });
    expect(next.json()).toMatchObject({ offsets: [{ partition: 0, offset: 0 }] });
  });

  it('answers 42205 when value_schema_id names a schema of another format', async () => {
    const { topic } = await ctx.newTopic();
    const id = await registerSchema(`${topic}-value`, AVRO);
    const res = await post(`/topics/${topic}`, 'protobuf', {
      value_schema_id: id,
      records: [{ value: AVRO.data }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error_code: 42205,
      message: `Invalid schema: schema id ${id} is AVRO, not PROTOBUF`,
    });
  });
});

describe('POST /topics/:topic_name with schema formats and no registry', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 42206 "Schema Registry must be configured"', async () => {
    const { topic } = await ctx.newTopic();
    const res = await app.inject({
      method: 'POST',
      url: `/topics/${topic}`,
      headers: { 'content-type': 'application/vnd.kafka.avro.v2+json' },
      payload: JSON.stringify({ value_schema: AVRO.schema, records: [{ value: AVRO.data }] }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Schema Registry must be configured when using schemas.',
    });
  });
});
