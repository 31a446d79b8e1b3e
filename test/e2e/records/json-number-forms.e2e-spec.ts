import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { disconnectFixtures, produceRecords } from '../../support/produce-records';
import { readRecords } from '../../support/read-records';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const V2 = 'application/vnd.kafka.v2+json';
const JSON_V2 = 'application/vnd.kafka.json.v2+json';

// kafka-rest reads JSON data into Jackson nodes and writes them back: a float literal is a double
// written by Double.toString, an integer keeps its digits, control characters are escaped with
// upper-case hex. The same text in Jackson's writing:
const SENT =
  '{"a":1.0,"b":-0.0,"c":1e21,"d":1.5e-7,"e":1E2,"f":2.5,"g":7,"h":[3.0,"1.0"],"s":"a\\u001fb"}';
const JACKSON =
  '{"a":1.0,"b":-0.0,"c":1.0E21,"d":1.5E-7,"e":100.0,"f":2.5,"g":7,"h":[3.0,"1.0"],"s":"a\\u001Fb"}';

describe('JSON numbers and escapes written as Jackson writes them (kafka-rest)', () => {
  const bootstrap = inject('kafkaBootstrap');
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app?.close();
    await disconnectFixtures();
  });

  async function storedValues(topic: string, count: number): Promise<string[]> {
    const { records } = await readRecords(bootstrap, topic, { count });
    return records.map((r) => r.value!.toString());
  }

  it("POST /v3/clusters/:cluster_id/topics/:topic_name/records stores JSON data in Jackson's text, one record and a stream", async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const url = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const single = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: `{"value":{"type":"JSON","data":${SENT}}}`,
    });
    expect(single.statusCode).toBe(200);
    const receipt = single.json<{ error_code: number; value: { size: number } }>();
    expect(receipt.error_code).toBe(200);
    expect(receipt.value.size).toBe(Buffer.byteLength(JACKSON));
    const stream = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      payload: `{"value":{"type":"JSON","data":4.0}}{"value":{"type":"JSON","data":${SENT}}}`,
    });
    expect(stream.statusCode).toBe(200);
    expect(
      stream.body
        .trim()
        .split('\r\n')
        .map((r) => (JSON.parse(r) as { error_code: number }).error_code),
    ).toEqual([200, 200]);
    expect(await storedValues(topic, 3)).toEqual([JACKSON, '4.0', JACKSON]);
  });

  it('POST /v3/clusters/:cluster_id/topics/:topic_name/records:batch stores them the same way, integers beyond 2^53 with every digit', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
      headers: { 'content-type': 'application/json' },
      payload: `{"entries":[{"id":"1","value":{"type":"JSON","data":${SENT}}},{"id":"2","value":{"type":"JSON","data":[9007199254740993]}}]}`,
    });
    expect(res.statusCode, res.body).toBe(207);
    expect(await storedValues(topic, 2)).toEqual([JACKSON, '[9007199254740993]']);
  });

  it("POST /topics/:topic_name (v2 json) stores keys and values in Jackson's text", async () => {
    const { topic } = await ctx.newTopic();
    const res = await app.inject({
      method: 'POST',
      url: `/topics/${topic}`,
      headers: { 'content-type': JSON_V2 },
      payload: `{"records":[{"key":1e3,"value":${SENT}},{"value":5.0,"partition":0}]}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { records } = await readRecords(bootstrap, topic, { count: 2 });
    expect(records.map((r) => [r.key?.toString() ?? null, r.value!.toString()])).toEqual([
      ['1000.0', JACKSON],
      [null, '5.0'],
    ]);
  });

  it("GET /consumers/:group/instances/:instance/records (json) and v3 format=json answer in Jackson's text", async () => {
    const { topic, clusterId } = await ctx.newTopic();
    await produceRecords(topic, [{ value: SENT }, { key: '1e2', value: '2.0' }]);
    const v3 = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=json&timeout_ms=200`,
    });
    expect(v3.statusCode, v3.body).toBe(200);
    expect(v3.body).toContain(`"data":${JACKSON}`);
    expect(v3.body).toContain('"key":{"type":"JSON","data":100.0}');
    expect(v3.body).toContain('"value":{"type":"JSON","data":2.0}');

    const group = uniqueName('json-forms');
    const created = await app.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { 'content-type': V2 },
      payload: { format: 'json', 'auto.offset.reset': 'earliest' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const base = `/consumers/${group}/instances/${created.json<{ instance_id: string }>().instance_id}`;
    const assigned = await app.inject({
      method: 'POST',
      url: `${base}/assignments`,
      headers: { 'content-type': V2 },
      payload: { partitions: [{ topic, partition: 0 }] },
    });
    expect(assigned.statusCode).toBe(204);
    let body = '[]';
    for (let i = 0; i < 10 && body === '[]'; i++) {
      const res = await app.inject({
        method: 'GET',
        url: `${base}/records?timeout=1000`,
        headers: { accept: JSON_V2 },
      });
      expect(res.statusCode, res.body).toBe(200);
      body = res.body;
    }
    expect(body).toContain(`"value":${JACKSON}`);
    expect(body).toContain('"key":100.0,"value":2.0');
    await app.inject({ method: 'DELETE', url: base, headers: { 'content-type': V2 } });
  });
});
