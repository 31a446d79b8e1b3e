import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { disconnectFixtures, produceRecords } from '../../support/produce-records';
import { readRecords } from '../../support/read-records';
import { schemaRegistryUrl } from '../../support/schema-registry';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

// 2^53 + 1 (the first integer a double rounds), Long.MAX_VALUE and Long.MIN_VALUE.
const BIG = ['9007199254740993', '9223372036854775807', '-9223372036854775808'];
const V2 = 'application/vnd.kafka.v2+json';

const AVRO_LONG = JSON.stringify({
  type: 'record',
  name: 'Big',
  namespace: 'test',
  fields: [{ name: 'n', type: 'long' }],
});
const PROTO_INT64 = 'syntax = "proto3";\npackage test;\nmessage Big { int64 n = 1; }\n';
const JSON_INTEGER = JSON.stringify({
  type: 'object',
  title: 'Big',
  properties: { n: { type: 'integer' } },
});

/** Reads an unsigned LEB128 varint (Avro and Protobuf), independently of the gateway. */
function varint(bytes: Buffer, at: number): bigint {
  let n = 0n;
  let shift = 0n;
  for (let i = at; ; i++) {
    n |= BigInt(bytes[i] & 0x7f) << shift;
    shift += 7n;
    if ((bytes[i] & 0x80) === 0) {
      return n;
    }
  }
}

/** Avro's zig-zag long. */
function avroLong(bytes: Buffer, at: number): bigint {
  const z = varint(bytes, at);
  return z & 1n ? -((z + 1n) >> 1n) : z >> 1n;
}

/** Avro's zig-zag varint of a long, to write records as another client would. */
function avroLongBytes(n: bigint): Buffer {
  let z = n >= 0n ? n << 1n : (-n << 1n) - 1n;
  const out: number[] = [];
  do {
    const low = Number(z & 0x7fn);
    z >>= 7n;
    out.push(z === 0n ? low : low | 0x80);
  } while (z !== 0n);
  return Buffer.from(out);
}

describe('integers beyond 2^53 (kafka-rest keeps all 64 bits, as Jackson)', () => {
  const bootstrap = inject('kafkaBootstrap');
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

  /** Produces one value per BIG number through v3; `value(n)` is the raw JSON text of it. */
  async function produceV3(value: (n: string) => string) {
    const { topic, clusterId } = await ctx.newTopic();
    const ids: number[] = [];
    for (const n of BIG) {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: `{"value":${value(n)}}`,
      });
      expect(res.statusCode).toBe(200);
      const receipt = res.json<{ error_code: number; value: { schema_id?: number } }>();
      expect(receipt.error_code, res.body).toBe(200);
      ids.push(receipt.value.schema_id ?? 0);
    }
    const stored = (await readRecords(bootstrap, topic, { count: BIG.length })).records;
    return { topic, clusterId, schemaId: ids[0], values: stored.map((r) => r.value!) };
  }

  async function readV3(clusterId: string, topic: string, format: string): Promise<string> {
    const res = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=${format}&timeout_ms=200`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  }

  describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records', () => {
    it('writes JSON data with every digit', async () => {
      const { values } = await produceV3((n) => `{"type":"JSON","data":{"n":${n},"list":[${n}]}}`);
      expect(values.map((v) => v.toString())).toEqual(BIG.map((n) => `{"n":${n},"list":[${n}]}`));
    });

    it('writes an AVRO long exactly (Avro binary read back independently)', async () => {
      const schema = JSON.stringify(AVRO_LONG);
      const { values } = await produceV3(
        (n) => `{"type":"AVRO","schema":${schema},"data":{"n":${n}}}`,
      );
      expect(values.map((v) => avroLong(v, 5).toString())).toEqual(BIG);
    });

    it('writes a PROTOBUF int64 exactly (field 1 varint read back independently)', async () => {
      const schema = JSON.stringify(PROTO_INT64);
      const { values } = await produceV3(
        (n) => `{"type":"PROTOBUF","schema":${schema},"data":{"n":${n}}}`,
      );
      // magic byte, schema id, message index [0] (one 0 byte), tag 0x08, two's complement varint
      expect(values.map((v) => [v[5], v[6]])).toEqual(BIG.map(() => [0x00, 0x08]));
      expect(values.map((v) => BigInt.asIntN(64, varint(v, 7)).toString())).toEqual(BIG);
    });

    it('writes a JSONSCHEMA integer with every digit', async () => {
      const schema = JSON.stringify(JSON_INTEGER);
      const { values } = await produceV3(
        (n) => `{"type":"JSONSCHEMA","schema":${schema},"data":{"n":${n}}}`,
      );
      expect(values.map((v) => v.subarray(5).toString())).toEqual(BIG.map((n) => `{"n":${n}}`));
    });
  });

  describe('POST /topics/:topic_name (v2) with schema formats', () => {
    /** One v2 request with a record per BIG number; `record(n)` is its raw JSON text. */
    async function produceV2(format: string, schema: string, record: (n: string) => string) {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/topics/${topic}`,
        headers: { 'content-type': `application/vnd.kafka.${format}.v2+json` },
        payload: `{"value_schema":${JSON.stringify(schema)},"records":[${BIG.map(record).join(',')}]}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (await readRecords(bootstrap, topic, { count: BIG.length })).records.map(
        (r) => r.value!,
      );
    }

    it('writes json data with every digit', async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/topics/${topic}`,
        headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
        payload: `{"records":[${BIG.map((n) => `{"value":{"n":${n}}}`).join(',')}]}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const { records } = await readRecords(bootstrap, topic, { count: BIG.length });
      expect(records.map((r) => r.value!.toString())).toEqual(BIG.map((n) => `{"n":${n}}`));
    });

    it('writes an avro long exactly', async () => {
      const values = await produceV2('avro', AVRO_LONG, (n) => `{"value":{"n":${n}}}`);
      expect(values.map((v) => avroLong(v, 5).toString())).toEqual(BIG);
    });

    it('writes a protobuf int64 exactly', async () => {
      const values = await produceV2('protobuf', PROTO_INT64, (n) => `{"value":{"n":${n}}}`);
      expect(values.map((v) => BigInt.asIntN(64, varint(v, 7)).toString())).toEqual(BIG);
    });

    it('writes a jsonschema integer with every digit', async () => {
      const values = await produceV2('jsonschema', JSON_INTEGER, (n) => `{"value":{"n":${n}}}`);
      expect(values.map((v) => v.subarray(5).toString())).toEqual(BIG.map((n) => `{"n":${n}}`));
    });
  });

  describe('consume', () => {
    /** An Avro topic: BIG through the gateway, then 2^62 written by another client. */
    async function avroTopic() {
      const schema = JSON.stringify(AVRO_LONG);
      const produced = await produceV3(
        (n) => `{"type":"AVRO","schema":${schema},"data":{"n":${n}}}`,
      );
      const header = Buffer.alloc(5);
      header.writeUInt32BE(produced.schemaId, 1);
      await produceRecords(produced.topic, [
        { value: Buffer.concat([header, avroLongBytes(2n ** 62n)]) },
      ]);
      return { ...produced, expected: [...BIG, (2n ** 62n).toString()] };
    }

    it('GET .../records?format=avro shows Avro longs with every digit', async () => {
      const { topic, clusterId, schemaId, expected } = await avroTopic();
      const body = await readV3(clusterId, topic, 'avro');
      const values = [...body.matchAll(/"value":(\{"type":"AVRO"[^}]*\}[^}]*\})/g)].map(
        (m) => m[1],
      );
      expect(values).toEqual(
        expected.map((n) => `{"type":"AVRO","data":{"n":${n}},"schema_id":${schemaId}}`),
      );
    });

    it('GET .../records:stream shows Avro longs with every digit', async () => {
      const { topic, clusterId, expected } = await avroTopic();
      const abort = new AbortController();
      const res = await fetch(
        `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest&format=avro`,
        { headers: { accept: 'application/x-ndjson' }, signal: abort.signal },
      );
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const deadline = Date.now() + 15_000;
      while (text.split('\n').length <= expected.length && Date.now() < deadline) {
        const { value, done } = (await reader.read()) as { value?: Uint8Array; done: boolean };
        if (done) {
          break;
        }
        text += decoder.decode(value, { stream: true });
      }
      abort.abort();
      const lines = text.split('\n').filter((l) => l !== '');
      expect(lines.map((l) => /"data":\{"n":(-?\d+)\}/.exec(l)?.[1])).toEqual(expected);
    });

    /** The `"value":{"n":<digits>}` numbers a new v2 consumer of `format` reads from `topic`. */
    async function v2Values(format: string, topic: string, count: number): Promise<string[]> {
      const group = uniqueName('big-integers');
      const created = await app.inject({
        method: 'POST',
        url: `/consumers/${group}`,
        headers: { 'content-type': V2 },
        payload: { format, 'auto.offset.reset': 'earliest' },
      });
      expect(created.statusCode, created.body).toBe(200);
      const base = `/consumers/${group}/instances/${created.json<{ instance_id: string }>().instance_id}`;
      const subscribed = await app.inject({
        method: 'POST',
        url: `${base}/subscription`,
        headers: { 'content-type': V2 },
        payload: { topics: [topic] },
      });
      expect(subscribed.statusCode).toBe(204);
      const values: string[] = [];
      const deadline = Date.now() + 20_000;
      while (values.length < count && Date.now() < deadline) {
        const res = await app.inject({
          method: 'GET',
          url: `${base}/records?timeout=1000`,
          headers: { accept: `application/vnd.kafka.${format}.v2+json` },
        });
        expect(res.statusCode, res.body).toBe(200);
        values.push(...[...res.body.matchAll(/"value":\{"n":(-?\d+)\}/g)].map((m) => m[1]));
      }
      await app.inject({ method: 'DELETE', url: base, headers: { 'content-type': V2 } });
      return values;
    }

    it('a v2 avro consumer shows Avro longs with every digit', async () => {
      const { topic, expected } = await avroTopic();
      expect(await v2Values('avro', topic, expected.length)).toEqual(expected);
    });

    it('a v2 json consumer and GET .../records?format=json show JSON integers with every digit', async () => {
      const { topic, clusterId } = await produceV3((n) => `{"type":"JSON","data":{"n":${n}}}`);
      expect(await v2Values('json', topic, BIG.length)).toEqual(BIG);
      const body = await readV3(clusterId, topic, 'json');
      expect(
        [...body.matchAll(/"value":\{"type":"JSON","data":\{"n":(-?\d+)\}\}/g)].map((m) => m[1]),
      ).toEqual(BIG);
    });

    it('GET .../records?format=protobuf shows int64 as a string, as JsonFormat', async () => {
      const schema = JSON.stringify(PROTO_INT64);
      const { topic, clusterId } = await produceV3(
        (n) => `{"type":"PROTOBUF","schema":${schema},"data":{"n":${n}}}`,
      );
      const body = await readV3(clusterId, topic, 'protobuf');
      expect([...body.matchAll(/"data":\{"n":("-?\d+")\}/g)].map((m) => m[1])).toEqual(
        BIG.map((n) => `"${n}"`),
      );
    });

    it('GET .../records?format=jsonschema shows integers with every digit', async () => {
      const schema = JSON.stringify(JSON_INTEGER);
      const { topic, clusterId } = await produceV3(
        (n) => `{"type":"JSONSCHEMA","schema":${schema},"data":{"n":${n}}}`,
      );
      const body = await readV3(clusterId, topic, 'jsonschema');
      expect([...body.matchAll(/"data":\{"n":(-?\d+)\}/g)].map((m) => m[1])).toEqual(BIG);
    });
  });
});
