import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { freePort } from '../../support/free-port';
import { expectToMatchSpec } from '../../support/openapi';
import { readRecords } from '../../support/read-records';
import {
  AVRO,
  confluentBytes,
  expectWireFormat,
  registerSchema,
  registry,
  recordNameOf,
  SCHEMA_FIXTURES,
  setCompatibility,
  uniqueRecordName,
} from '../../support/schema-fixtures';
import { schemaRegistryUrl } from '../../support/schema-registry';
import { TestContext } from '../../support/test-context';

const SPEC_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records';

const receipt = (offset: number, value: Record<string, unknown>, key?: unknown) => ({
  error_code: 200,
  cluster_id: expect.any(String) as unknown,
  topic_name: expect.any(String) as unknown,
  partition_id: 0,
  offset,
  timestamp: expect.any(String) as unknown,
  ...(key === undefined ? {} : { key }),
  value,
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records with schemas', () => {
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

  async function post(clusterId: string, topic: string, payload: unknown) {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    await expectToMatchSpec(res, 'POST', SPEC_PATH);
    expect(res.statusCode).toBe(200);
    return res.json<Record<string, unknown>>();
  }

  async function read(topic: string, count: number) {
    return (await readRecords(bootstrap, topic, { count })).records;
  }

  describe.each(SCHEMA_FIXTURES)('$type', (f) => {
    const size = 5 + f.indexBytes.length + f.annPayload.length;

    it('registers an unknown raw schema under <topic>-value and writes Confluent wire format', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const body = await post(clusterId, topic, {
        value: { type: f.type, schema: f.schema, data: f.data },
      });
      const id = (body.value as { schema_id: number }).schema_id;
      expect(body).toEqual(
        receipt(0, {
          type: f.type,
          subject: `${topic}-value`,
          schema_id: expect.any(Number) as unknown,
          schema_version: 1,
          size,
        }),
      );
      const [record] = await read(topic, 1);
      expect(record.value).toEqual(confluentBytes(id, f));
      expect(expectWireFormat(record.value, id, f)).toEqual(f.annPayload);
      const latest = await registry('GET', `/subjects/${topic}-value/versions/latest`);
      expect(latest.json).toMatchObject({ id, version: 1, subject: `${topic}-value` });
    });

    it('reuses a raw schema that is already registered (same id and version)', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const id = await registerSchema(`${topic}-value`, f);
      const body = await post(clusterId, topic, {
        value: { type: f.type, schema: f.schema, data: f.data },
      });
      expect(body.value).toEqual({
        type: f.type,
        subject: `${topic}-value`,
        schema_id: id,
        schema_version: 1,
        size,
      });
    });

    it('resolves by schema_id, by schema_version (also as digit texts) and by the latest version without type', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const subject = `${topic}-value`;
      const v1 = await registerSchema(subject, f);
      const v2 = await registerSchema(subject, f, f.compatible);
      const byId = await post(clusterId, topic, { value: { schema_id: v1, data: f.data } });
      const byVersion = await post(clusterId, topic, {
        value: { schema_version: 1, data: f.data },
      });
      const latest = await post(clusterId, topic, { value: { data: f.data } });
      // Integer fields upstream: Jackson reads "7" as 7.
      const byIdText = await post(clusterId, topic, {
        value: { schema_id: String(v1), data: f.data },
      });
      const byVersionText = await post(clusterId, topic, {
        value: { schema_version: '2', data: f.data },
      });
      const expected = (schemaId: number, version: number) => ({
        type: f.type,
        subject,
        schema_id: schemaId,
        schema_version: version,
        size: expect.any(Number) as unknown,
      });
      expect(byId).toEqual(receipt(0, expected(v1, 1)));
      expect(byVersion).toEqual(receipt(1, expected(v1, 1)));
      expect(latest).toEqual(receipt(2, expected(v2, 2)));
      expect(byIdText).toEqual(receipt(3, expected(v1, 1)));
      expect(byVersionText).toEqual(receipt(4, expected(v2, 2)));
      const records = await read(topic, 5);
      expect(records.map((r) => r.value!.readUInt32BE(1))).toEqual([v1, v1, v2, v1, v2]);
      expect(records.every((r) => r.value![0] === 0)).toBe(true);
    });

    it('uses subject, RECORD_NAME and TOPIC_RECORD_NAME for keys and values', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const suffix = topic.replace(/-/g, '_');
      const named = uniqueRecordName(f, suffix);
      const recordName = recordNameOf(f, suffix);
      const custom = `${topic}-custom`;
      const body = await post(clusterId, topic, {
        key: { type: f.type, schema: named.schema, subject: custom, data: f.data },
        value: {
          type: f.type,
          schema: named.schema,
          subject_name_strategy: 'TOPIC_RECORD_NAME',
          data: f.data,
        },
      });
      expect(body.key).toMatchObject({ type: f.type, subject: custom, schema_version: 1 });
      expect(body.value).toMatchObject({
        type: f.type,
        subject: `${topic}-${recordName}`,
        schema_version: 1,
      });
      const keyOnly = await post(clusterId, topic, {
        key: {
          type: f.type,
          schema: named.schema,
          subject_name_strategy: 'RECORD_NAME',
          data: f.data,
        },
      });
      expect(keyOnly.key).toMatchObject({ type: f.type, subject: recordName, schema_version: 1 });
      const [first] = await read(topic, 1);
      expectWireFormat(first.key, (body.key as { schema_id: number }).schema_id, f);
      expectWireFormat(first.value, (body.value as { schema_id: number }).schema_id, f);
    });

    it('writes a Kafka null for null data and still names the schema in the receipt', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const body = await post(clusterId, topic, {
        key: { type: f.type, schema: f.schema, data: null },
        value: { type: f.type, schema: f.schema },
      });
      expect(body).toEqual(
        receipt(
          0,
          {
            type: f.type,
            subject: `${topic}-value`,
            schema_id: expect.any(Number) as unknown,
            schema_version: 1,
            size: -1,
          },
          {
            type: f.type,
            subject: `${topic}-key`,
            schema_id: expect.any(Number) as unknown,
            schema_version: 1,
            size: -1,
          },
        ),
      );
      const [record] = await read(topic, 1);
      expect(record.key).toBeNull();
      expect(record.value).toBeNull();
    });

    it('rejects data that does not match the schema with 400 and produces nothing for it', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const bad = await post(clusterId, topic, {
        value: { type: f.type, schema: f.schema, data: f.invalidData },
      });
      expect(bad).toEqual({ error_code: 400, message: expect.any(String) as unknown });
      const good = await post(clusterId, topic, {
        value: { type: f.type, schema: f.schema, data: f.data },
      });
      expect(good).toMatchObject({ error_code: 200, offset: 0 });
      expect(await read(topic, 1)).toHaveLength(1);
    });

    it('accepts a compatible evolution and rejects an incompatible one with 42207', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const subject = `${topic}-value`;
      await registerSchema(subject, f);
      await setCompatibility(subject, 'BACKWARD');
      const compatible = await post(clusterId, topic, {
        value: { type: f.type, schema: f.compatible, data: f.data },
      });
      expect(compatible.value).toMatchObject({ subject, schema_version: 2 });
      const incompatible = await post(clusterId, topic, {
        value: { type: f.type, schema: f.incompatible, data: f.data },
      });
      // The registry refuses the registration (409), so nothing is written for that record.
      expect(incompatible).toEqual({
        error_code: 422,
        message: expect.stringMatching(
          /^Error: 42207 : Error serializing message\. Error when registering schema\.[\s\S]*\n.*; error code: 409/,
        ) as unknown,
      });
      const versions = await registry('GET', `/subjects/${subject}/versions`);
      expect(versions.json).toEqual([1, 2]);
      expect(await read(topic, 1)).toHaveLength(1);
    });

    it('answers 42205 for a raw schema that does not parse', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const body = await post(clusterId, topic, {
        value: { type: f.type, schema: '{ not a schema', data: f.data },
      });
      expect(body).toEqual({
        error_code: 422,
        message: expect.stringMatching(/^Error: 42205 : Invalid schema: /) as unknown,
      });
    });
  });

  describe('request rules', () => {
    it('answers 400 for type with schema_id, RECORD_NAME with schema_version, a bad strategy', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const id = await registerSchema(`${topic}-value`, AVRO);
      for (const value of [
        { type: 'AVRO', schema_id: id, data: AVRO.data },
        { schema_version: 1, subject_name_strategy: 'RECORD_NAME', data: AVRO.data },
        { subject_name_strategy: 'NOPE', data: AVRO.data },
        { schema: AVRO.schema, data: AVRO.data },
      ]) {
        const body = await post(clusterId, topic, { value });
        expect(body, JSON.stringify(value)).toEqual({
          error_code: 400,
          message: expect.any(String) as unknown,
        });
      }
    });

    it('serializes the key before the value: a refused key registers no value schema', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const raw = { type: 'AVRO', schema: '{"type": "string"}' };
      const answer = await post(clusterId, topic, {
        key: { ...raw, data: 1 },
        value: { ...raw, data: 'fine' },
      });
      expect(answer).toMatchObject({ error_code: 400 });
      expect((await registry('GET', `/subjects/${topic}-value/versions`)).status).toBe(404);
    });

    it('answers 42207 when the subject has no schema and 400 for an unknown version', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      expect(await post(clusterId, topic, { value: { data: 1 } })).toEqual({
        error_code: 422,
        message: expect.stringMatching(/^Error: 42207 : Error serializing message\. /) as unknown,
      });
      await registerSchema(`${topic}-value`, AVRO);
      expect(await post(clusterId, topic, { value: { schema_version: 9, data: 1 } })).toEqual({
        error_code: 400,
        message: `Bad Request: Schema does not exist for subject: ${topic}-value, version: 9`,
      });
      // A subject JSON can name but a URL cannot (a lone surrogate) reaches the registry as
      // Java's URLEncoder writes it, "%3F": no 500.
      const odd = { subject: '\ud800', type: 'AVRO', schema: '"long"', data: 1 };
      expect(await post(clusterId, topic, { value: odd })).toMatchObject({
        error_code: 200,
        value: { type: 'AVRO', subject: '\ud800', schema_version: 1 },
      });
      expect((await registry('GET', '/subjects/%3F/versions')).status).toBe(200);
    });

    it('produces a records:batch of every schema type with per-entry failures (207)', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const entry = (id: string, f: (typeof SCHEMA_FIXTURES)[number], data: unknown) => ({
        id,
        value: { type: f.type, schema: f.schema, subject: `${topic}-${f.v2Format}`, data },
      });
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          entries: [
            ...SCHEMA_FIXTURES.map((f) => entry(f.v2Format, f, f.data)),
            entry('bad', AVRO, AVRO.invalidData),
            { id: 'latest', value: { subject: `${topic}-avro`, data: AVRO.data } },
          ],
        }),
      });
      await expectToMatchSpec(res, 'POST', `${SPEC_PATH}:batch`);
      expect(res.statusCode).toBe(207);
      const body = res.json<{
        successes: { id: string; offset: number; value: Record<string, unknown> }[];
        failures: unknown[];
      }>();
      expect(body.failures).toEqual([
        { id: 'bad', error_code: 400, message: expect.any(String) as unknown },
      ]);
      expect(body.successes.map((s) => [s.id, s.offset, s.value.type, s.value.subject])).toEqual([
        ['avro', 0, 'AVRO', `${topic}-avro`],
        ['jsonschema', 1, 'JSONSCHEMA', `${topic}-jsonschema`],
        ['protobuf', 2, 'PROTOBUF', `${topic}-protobuf`],
        ['latest', 3, 'AVRO', `${topic}-avro`],
      ]);
      const records = await read(topic, 4);
      [...SCHEMA_FIXTURES, AVRO].forEach((f, i) =>
        expect(
          expectWireFormat(records[i].value, body.successes[i].value.schema_id as number, f),
        ).toEqual(f.annPayload),
      );
    });

    it('streams several schema records in one body with receipts in order', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const lines = SCHEMA_FIXTURES.map((f) =>
        JSON.stringify({
          value: {
            type: f.type,
            schema: f.schema,
            subject: `${topic}-${f.v2Format}`,
            data: f.data,
          },
        }),
      );
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: [lines[0], JSON.stringify({ value: { data: 'x' } }), ...lines.slice(1)].join('\n'),
      });
      expect(res.statusCode).toBe(200);
      const receipts = res.body
        .split('\r\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const r of receipts) {
        await expectToMatchSpec(
          { statusCode: 200, body: JSON.stringify(r), headers: {} },
          'POST',
          SPEC_PATH,
        );
      }
      expect(receipts.map((r) => r.error_code)).toEqual([200, 422, 200, 200]);
      expect(receipts.map((r) => (r.value as { type?: string } | undefined)?.type)).toEqual([
        'AVRO',
        undefined,
        'JSONSCHEMA',
        'PROTOBUF',
      ]);
      const records = await read(topic, 3);
      records.forEach((r, i) =>
        expectWireFormat(r.value, r.value!.readUInt32BE(1), SCHEMA_FIXTURES[i]),
      );
    });
  });
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records without a registry', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 42206 "Schema Registry must be configured" for every schema path', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    for (const value of [
      { type: 'AVRO', schema: AVRO.schema, data: AVRO.data },
      { schema_id: 1, data: AVRO.data },
      { data: AVRO.data },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ value }),
      });
      await expectToMatchSpec(res, 'POST', SPEC_PATH);
      expect(res.json()).toEqual({
        error_code: 422,
        message:
          'Error: 42206 : Payload error. Schema Registry must be configured when using schemas.',
      });
    }
  });

  // kafka-rest refuses these while parsing the record, before it needs a registry
  // (ProduceActionIntegrationTest produceAvroWithTypeAndSchemaVersion_returnsBadRequest & co.).
  it('answers 400 for impossible schema field combinations, registry or not', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    for (const key of [
      { type: 'AVRO', schema_version: 1 },
      { type: 'AVRO', schema_id: 1 },
      { type: 'PROTOBUF' },
      { schema_id: 1, schema_version: 1 },
      { subject: 's', subject_name_strategy: 'TOPIC_NAME' },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ key, value: { type: 'STRING', data: 'v' } }),
      });
      await expectToMatchSpec(res, 'POST', SPEC_PATH);
      expect(res.json<{ error_code: number }>().error_code, JSON.stringify(key)).toBe(400);
    }
  });
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records with the registry down', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_SCHEMA_REGISTRY_URL: `http://127.0.0.1:${await freePort()}`,
    });
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers each schema record 42207 (400 for schema_version) and keeps producing plain records', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers: { 'content-type': 'application/json' },
      payload: [
        { value: { type: 'AVRO', schema: AVRO.schema, data: AVRO.data } },
        { value: { type: 'STRING', data: 'plain' } },
        { value: { schema_id: 1, data: AVRO.data } },
        { value: { schema_version: 1, data: AVRO.data } },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    });
    expect(res.statusCode).toBe(200);
    const receipts = res.body
      .split('\r\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { error_code: number; message?: string });
    for (const r of receipts) {
      await expectToMatchSpec(
        { statusCode: 200, body: JSON.stringify(r), headers: {} },
        'POST',
        SPEC_PATH,
      );
    }
    expect(receipts.map((r) => r.error_code)).toEqual([422, 200, 422, 400]);
    expect(receipts[0].message).toMatch(
      /^Error: 42207 : Error serializing message\. .*Schema Registry is unreachable/s,
    );
    // kafka-rest's getByVersion turns every registry failure into this 400.
    expect(receipts[3]).toEqual({
      error_code: 400,
      message: `Bad Request: Schema does not exist for subject: ${topic}-value, version: 1`,
    });
  });
});
