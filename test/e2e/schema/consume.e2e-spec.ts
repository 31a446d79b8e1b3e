import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToMatchConsumeSpec } from '../../support/consume-openapi';
import { createTestApp } from '../../support/create-app';
import { disconnectFixtures, produceRecords } from '../../support/produce-records';
import {
  AVRO,
  confluentBytes,
  PROTOBUF,
  registerSchema,
  SCHEMA_FIXTURES,
  SchemaFixture,
} from '../../support/schema-fixtures';
import { schemaRegistryUrl } from '../../support/schema-registry';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const PATH = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records';
const V2 = 'application/vnd.kafka.v2+json';
const EVOLVED = { name: 'bob', age: 3 };

interface TypedData {
  type: string;
  data: unknown;
  schema_id?: number;
}

describe('consume of Avro, JSON Schema and Protobuf records', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp({ KAFKA_REST_SCHEMA_REGISTRY_URL: schemaRegistryUrl() });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
    await disconnectFixtures();
  });

  /**
   * offset 0: produced through the gateway (key and value, schema v1); offset 1: hand-built
   * Confluent bytes written by another Kafka client; offset 2: value with the evolved schema v2.
   */
  async function schemaTopic(f: SchemaFixture) {
    const { topic, clusterId } = await ctx.newTopic();
    const produce = async (value: unknown) => {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(value),
      });
      expect(res.json<{ error_code: number }>().error_code, res.body).toBe(200);
      return res.json<{ value: { schema_id: number }; key?: { schema_id: number } }>();
    };
    const first = await produce({
      key: { type: f.type, schema: f.schema, data: f.data },
      value: { type: f.type, schema: f.schema, data: f.data },
    });
    const v1 = first.value.schema_id;
    await produceRecords(topic, [{ value: confluentBytes(v1, f) }]);
    const v2 = await registerSchema(`${topic}-value`, f, f.compatible);
    await produce({ value: { schema_id: v2, data: EVOLVED } });
    return { topic, clusterId, v1, v2, keyId: first.key!.schema_id };
  }

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/records', () => {
    it.each(SCHEMA_FIXTURES)(
      'decodes $type records, from the gateway and from other clients, with format=$v2Format',
      async (f) => {
        const { topic, clusterId, v1, v2, keyId } = await schemaTopic(f);
        await produceRecords(topic, [{ key: 'plain', value: 'not wire format' }]);
        const res = await app.inject({
          method: 'GET',
          url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=${f.v2Format}&timeout_ms=200`,
        });
        await expectToMatchConsumeSpec(res, 'GET', PATH);
        expect(res.statusCode).toBe(200);
        const data = res.json<{ data: { key: TypedData | null; value: TypedData | null }[] }>()
          .data;
        expect(data.map((r) => [r.key, r.value])).toEqual([
          [
            { type: f.type, data: f.data, schema_id: keyId },
            { type: f.type, data: f.data, schema_id: v1 },
          ],
          [null, { type: f.type, data: f.data, schema_id: v1 }],
          [null, { type: f.type, data: EVOLVED, schema_id: v2 }],
          [
            { type: 'BINARY', data: Buffer.from('plain').toString('base64') },
            { type: 'BINARY', data: Buffer.from('not wire format').toString('base64') },
          ],
        ]);
      },
    );

    it('decodes a Protobuf record of the second message of its schema (message index [1])', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const id = await registerSchema(`${topic}-value`, {
        ...PROTOBUF,
        schema:
          'syntax = "proto3";\npackage t;\nmessage A { string a = 1; }\nmessage B { int32 b = 1; }\n',
      });
      // magic 0, schema id, indexes [1] as zig-zag varints (count 1 -> 0x02, index 1 -> 0x02),
      // then B { b: 5 } (tag 0x08, varint 5): what Confluent's KafkaProtobufSerializer writes.
      const header = Buffer.alloc(5);
      header.writeUInt32BE(id, 1);
      await produceRecords(topic, [
        { value: Buffer.concat([header, Buffer.from([0x02, 0x02, 0x08, 0x05])]) },
      ]);
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=protobuf&timeout_ms=200`,
      });
      await expectToMatchConsumeSpec(res, 'GET', PATH);
      const [record] = res.json<{ data: { value: TypedData }[] }>().data;
      expect(record.value).toEqual({ type: 'PROTOBUF', data: { b: 5 }, schema_id: id });
    });

    it('shows records of another schema format as BINARY', async () => {
      const { topic, clusterId } = await schemaTopic(AVRO);
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=1&max_records=1&format=protobuf&timeout_ms=200`,
      });
      await expectToMatchConsumeSpec(res, 'GET', PATH);
      const [record] = res.json<{ data: { value: TypedData }[] }>().data;
      expect(record.value.type).toBe('BINARY');
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/records:stream', () => {
    /** Reads NDJSON lines from a real socket until `count` arrived, then disconnects. */
    async function streamLines(url: string, count: number): Promise<string[]> {
      const abort = new AbortController();
      const res = await fetch(`${baseUrl}${url}`, {
        headers: { accept: 'application/x-ndjson' },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const deadline = Date.now() + 15_000;
      while (text.split('\n').length - 1 < count && Date.now() < deadline) {
        const { value, done } = (await reader.read()) as { value?: Uint8Array; done: boolean };
        if (done) {
          break;
        }
        text += decoder.decode(value, { stream: true });
      }
      abort.abort();
      return text.split('\n').filter((l) => l !== '');
    }

    it.each(SCHEMA_FIXTURES)('streams $type records decoded as NDJSON lines', async (f) => {
      const { topic, clusterId, v1, v2, keyId } = await schemaTopic(f);
      const lines = await streamLines(
        `/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest&format=${f.v2Format}`,
        3,
      );
      for (const line of lines) {
        await expectToMatchConsumeSpec(
          { statusCode: 200, body: line, headers: {} },
          'GET',
          '/clusters/{cluster_id}/topics/{topic_name}/records:stream',
          'application/x-ndjson',
        );
      }
      const records = lines.map((l) => JSON.parse(l) as { key: unknown; value: unknown });
      expect(records.map((r) => [r.key, r.value])).toEqual([
        [
          { type: f.type, data: f.data, schema_id: keyId },
          { type: f.type, data: f.data, schema_id: v1 },
        ],
        [null, { type: f.type, data: f.data, schema_id: v1 }],
        [null, { type: f.type, data: EVOLVED, schema_id: v2 }],
      ]);
    });
  });

  describe('v2 consumers with avro, jsonschema and protobuf', () => {
    async function consumer(format: string): Promise<string> {
      const group = uniqueName('schema-group');
      const res = await app.inject({
        method: 'POST',
        url: `/consumers/${group}`,
        headers: { 'content-type': V2 },
        payload: { format, 'auto.offset.reset': 'earliest', 'auto.commit.enable': 'false' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return `/consumers/${group}/instances/${res.json<{ instance_id: string }>().instance_id}`;
    }

    async function subscribe(base: string, topic: string): Promise<void> {
      const res = await app.inject({
        method: 'POST',
        url: `${base}/subscription`,
        headers: { 'content-type': V2 },
        payload: { topics: [topic] },
      });
      expect(res.statusCode).toBe(204);
    }

    async function poll(base: string, accept: string, count: number) {
      const all: Record<string, unknown>[] = [];
      const deadline = Date.now() + 20_000;
      while (all.length < count && Date.now() < deadline) {
        const res = await app.inject({
          method: 'GET',
          url: `${base}/records?timeout=1000`,
          headers: { accept },
        });
        if (res.statusCode !== 200) {
          return { status: res.statusCode, body: res.json<unknown>(), records: all };
        }
        expect(res.headers['content-type']).toContain(accept);
        all.push(...res.json<Record<string, unknown>[]>());
      }
      return { status: 200, body: undefined, records: all };
    }

    it.each(SCHEMA_FIXTURES)('decodes $v2Format keys and values to JSON', async (f) => {
      const { topic } = await schemaTopic(f);
      const base = await consumer(f.v2Format);
      await subscribe(base, topic);
      const accept = `application/vnd.kafka.${f.v2Format}.v2+json`;
      const { status, records } = await poll(base, accept, 3);
      expect(status).toBe(200);
      expect(
        records.map(({ topic: t, key, value, partition, offset }) => ({
          t,
          key,
          value,
          partition,
          offset,
        })),
      ).toEqual([
        { t: topic, key: f.data, value: f.data, partition: 0, offset: 0 },
        { t: topic, key: null, value: f.data, partition: 0, offset: 1 },
        { t: topic, key: null, value: EVOLVED, partition: 0, offset: 2 },
      ]);
    });

    it('writes floats and doubles as kafka-rest does (Java text read back by Jackson), v2 and v3', async () => {
      const { topic, clusterId } = await ctx.newTopic();
      const schema = JSON.stringify({
        type: 'record',
        name: 'Measure',
        fields: [
          { name: 'f', type: 'float' },
          { name: 'd', type: 'double' },
        ],
      });
      const produced = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ value: { type: 'AVRO', schema, data: { f: 23.4, d: 100 } } }),
      });
      expect(produced.json<{ error_code: number }>().error_code, produced.body).toBe(200);
      // Avro's JsonEncoder prints Float.toString(23.4f) = 23.4 and Double.toString(100.0).
      const expected = '{"f":23.4,"d":100.0}';
      const base = await consumer('avro');
      await subscribe(base, topic);
      let body = '[]';
      for (let i = 0; i < 10 && body === '[]'; i++) {
        const res = await app.inject({
          method: 'GET',
          url: `${base}/records?timeout=1000`,
          headers: { accept: 'application/vnd.kafka.avro.v2+json' },
        });
        body = res.body;
      }
      expect(body).toContain(`"value":${expected}`);
      const v3 = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=avro&timeout_ms=200`,
      });
      expect(v3.body).toContain(`"data":${expected}`);
    });

    it('answers 40601 when Accept does not match the instance format', async () => {
      const base = await consumer('avro');
      const res = await app.inject({
        method: 'GET',
        url: `${base}/records?timeout=100`,
        headers: { accept: 'application/vnd.kafka.protobuf.v2+json' },
      });
      expect(res.statusCode).toBe(406);
      expect(res.json<{ error_code: number }>().error_code).toBe(40601);
    });

    it('never skips a record it cannot decode: earlier records are answered, then 408/40801 until the client seeks past it', async () => {
      const f = AVRO;
      const { topic } = await ctx.newTopic();
      const id = await registerSchema(`${topic}-value`, f);
      await produceRecords(topic, [
        { value: confluentBytes(id, f) },
        { value: 'plain text' },
        { value: confluentBytes(id, f) },
      ]);
      const base = await consumer('avro');
      await subscribe(base, topic);
      const accept = 'application/vnd.kafka.avro.v2+json';
      const first = await poll(base, accept, 2);
      expect(first.records.map((r) => r.offset)).toEqual([0]);
      expect(first.status).toBe(408);
      for (let i = 0; i < 2; i++) {
        // kafka-rest: the Java consumer's RecordDeserializationException, mapped to 408/40801.
        const again = await poll(base, accept, 1);
        expect(again.status).toBe(408);
        expect(again.body).toEqual({
          error_code: 40801,
          message: `Error deserializing VALUE for partition ${topic}-0 at offset 1. If needed, please seek past the record to continue consumption.`,
        });
      }
      const seek = await app.inject({
        method: 'POST',
        url: `${base}/positions`,
        headers: { 'content-type': V2 },
        payload: { offsets: [{ topic, partition: 0, offset: 2 }] },
      });
      expect(seek.statusCode).toBe(204);
      const rest = await poll(base, accept, 1);
      expect(rest.status).toBe(200);
      expect(rest.records).toEqual([
        {
          topic,
          key: null,
          value: f.data,
          partition: 0,
          offset: 2,
          timestamp: expect.any(Number) as unknown,
          headers: [],
        },
      ]);
    });

    it('fails the read with 408/40801 for a key that is not Confluent wire format', async () => {
      const { topic } = await ctx.newTopic();
      await produceRecords(topic, [{ key: 'plain text', value: null }]);
      const base = await consumer('avro');
      await subscribe(base, topic);
      const { status, body } = await poll(base, 'application/vnd.kafka.avro.v2+json', 1);
      expect(status).toBe(408);
      expect(body).toEqual({
        error_code: 40801,
        message: `Error deserializing KEY for partition ${topic}-0 at offset 0. If needed, please seek past the record to continue consumption.`,
      });
    });
  });
});

describe('consume with schema formats and no registry', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 42206 to a v3 read or stream and 42204 to a v2 consumer with a schema format', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const read = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=avro`,
    });
    await expectToMatchConsumeSpec(read, 'GET', PATH);
    expect(read.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Schema Registry must be configured when using schemas.',
    });
    const stream = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:stream?format=jsonschema`,
      headers: { accept: 'application/x-ndjson' },
    });
    await expectToMatchConsumeSpec(
      stream,
      'GET',
      '/clusters/{cluster_id}/topics/{topic_name}/records:stream',
    );
    expect(stream.json()).toEqual(read.json());
    const create = await app.inject({
      method: 'POST',
      url: `/consumers/${uniqueName('g')}`,
      headers: { 'content-type': V2 },
      payload: { format: 'protobuf' },
    });
    expect(create.statusCode).toBe(422);
    expect(create.json()).toEqual({
      error_code: 42204,
      message:
        'Invalid consumer configuration: format protobuf needs a Schema Registry (schema.registry.url is not set)',
    });
  });
});
