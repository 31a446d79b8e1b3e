import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { readRecords } from '../../support/read-records';
import { StreamingClient } from '../../support/streaming-client';
import { TestContext } from '../../support/test-context';

const SPEC_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records';
const record = (data: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ value: { type: 'STRING', data }, ...extra });

async function startApp(env: Record<string, string> = {}) {
  const app = await createTestApp(env);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}

async function expectReceiptsMatchSpec(receipts: unknown[]): Promise<void> {
  for (const receipt of receipts) {
    await expectToMatchSpec(
      { statusCode: 200, body: JSON.stringify(receipt), headers: {} },
      'POST',
      SPEC_PATH,
    );
  }
}

const ok = (offset: number) => ({
  error_code: 200,
  cluster_id: expect.any(String) as unknown,
  topic_name: expect.any(String) as unknown,
  partition_id: 0,
  offset,
  timestamp: expect.any(String) as unknown,
  value: { type: 'STRING', size: expect.any(Number) as unknown },
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records (streaming)', () => {
  const bootstrap = inject('kafkaBootstrap');
  let app: NestFastifyApplication;
  let baseUrl: string;
  let ctx: TestContext;

  beforeAll(async () => {
    ({ app, baseUrl } = await startApp({
      KAFKA_REST_API_V3_PRODUCE_REQUEST_SIZE_LIMIT_MAX_BYTES: '2000',
    }));
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app.close();
  });

  async function stream(headers?: Record<string, string>) {
    const { topic, clusterId } = await ctx.newTopic();
    const client = new StreamingClient(
      baseUrl,
      `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers,
    );
    return { client, topic };
  }

  it('returns each receipt while the client is still sending (full duplex), in order', async () => {
    const { client, topic } = await stream();
    for (let i = 0; i < 3; i++) {
      client.write(record(`r${i}`));
      await client.waitForReceipts(i + 1);
    }
    client.write(record('r3') + '\n' + record('r4'));
    client.end();
    const result = await client.finished();
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(result.raw.endsWith('\r\n')).toBe(true);
    expect(client.receipts).toEqual([0, 1, 2, 3, 4].map(ok));
    await expectReceiptsMatchSpec(client.receipts);
    const { records } = await readRecords(bootstrap, topic, { count: 5 });
    expect(records.map((r) => r.value?.toString())).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });

  it('keeps the stream open after a bad record and produces the ones around it', async () => {
    const { client, topic } = await stream();
    client.write(record('a'));
    client.write(JSON.stringify({ value: { type: 'BINARY', data: '%%%' } }));
    client.write(JSON.stringify({ partition_id: -1, value: { type: 'STRING', data: 'x' } }));
    client.write(JSON.stringify({ nope: 1 }));
    client.end(record('b'));
    await client.finished();
    expect(client.receipts).toEqual([
      ok(0),
      { error_code: 400, message: 'Bad Request: data="%%%" is not a valid base64 string.' },
      { error_code: 40402, message: 'Partition not found.' },
      {
        error_code: 400,
        message:
          'Unrecognized field "nope" (class io.confluent.kafkarest.entities.v3.AutoValue_ProduceRequest$Builder), ' +
          'not marked as ignorable (6 known properties: "value", "originalSize", "partitionId", ' +
          '"headers", "key", "timestamp"])',
      },
      ok(1),
    ]);
    await expectReceiptsMatchSpec(client.receipts);
    const { records } = await readRecords(bootstrap, topic, { count: 2 });
    expect(records.map((r) => r.value?.toString())).toEqual(['a', 'b']);
  });

  it('ends with a final 400 receipt at unparseable JSON, after the earlier receipts', async () => {
    const { client, topic } = await stream();
    client.write(record('a') + record('b'));
    client.write('{"value": nonsense}');
    client.write(record('never'));
    client.end();
    const result = await client.finished();
    expect(result.status).toBe(200);
    expect(client.receipts).toEqual([
      ok(0),
      ok(1),
      {
        error_code: 400,
        message: expect.stringMatching(/^Bad Request: Error processing JSON: /) as unknown,
      },
    ]);
    const { records } = await readRecords(bootstrap, topic, { count: 3, timeoutMs: 1_000 });
    expect(records.map((r) => r.value?.toString())).toEqual(['a', 'b']);
  });

  // Jackson fails at the bad token: the stream ends while the client is still sending, not when
  // its body ends (a `{` that never closes would otherwise hold the stream open).
  it('ends the stream at a malformed token at once, while the client is still sending', async () => {
    const { client } = await stream();
    client.write(record('a'));
    await client.waitForReceipts(1);
    client.write('{ invalid');
    const result = await client.finished();
    expect(result.status).toBe(200);
    expect(client.receipts).toEqual([
      ok(0),
      {
        error_code: 400,
        message: expect.stringMatching(/^Bad Request: Error processing JSON: /) as unknown,
      },
    ]);
  });

  it('ends a truncated stream with a 400 receipt', async () => {
    const { client } = await stream();
    client.write(record('a'));
    client.end('{"value": {"type": "STRING", "da');
    await client.finished();
    expect(client.receipts).toEqual([
      ok(0),
      { error_code: 400, message: 'Bad Request: Error processing JSON: Unexpected end-of-input' },
    ]);
  });

  it('ends the stream at a record over the request size limit, after earlier receipts', async () => {
    const { client } = await stream();
    client.write(record('a'));
    await client.waitForReceipts(1);
    // Keeps sending: the gateway must answer and close without reading the rest.
    client.write(record('x'.repeat(5_000)));
    client.write(record('b'));
    const result = await client.finished();
    client.destroy();
    expect(result.status).toBe(200);
    expect(client.receipts).toEqual([
      ok(0),
      {
        error_code: 400,
        message:
          'Bad Request: Error processing message: Produce request size is larger than allowed threshold',
      },
    ]);
  });

  it('gives a retried Idempotency-Key every receipt, also when the first client left as its answer began', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const path = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const body = Array.from({ length: 300 }, (_, i) => record(`r${i}`)).join('');
    // The first attempt sends everything and leaves at the first byte of its answer: the body
    // was read and its records are being produced.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n` +
            `Idempotency-Key: left-early\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      });
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
    const retry = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'left-early' },
      body,
    });
    const receipts = (await retry.text())
      .trim()
      .split('\r\n')
      .map((line) => JSON.parse(line) as { error_code: number; offset: number });
    expect(receipts.map((r) => [r.error_code, r.offset])).toEqual(
      Array.from({ length: 300 }, (_, i) => [200, i]),
    );
    const { records } = await readRecords(bootstrap, topic, { count: 301, timeoutMs: 1_000 });
    expect(records).toHaveLength(300);
  });
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records (limits)', () => {
  it('answers 413 receipts for records over max.request.size, keeping the stream', async () => {
    const { app, baseUrl } = await startApp({ KAFKA_REST_PRODUCER_MAX_REQUEST_SIZE: '1000' });
    try {
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const client = new StreamingClient(
        baseUrl,
        `/v3/clusters/${clusterId}/topics/${topic}/records`,
      );
      client.write(record('a'));
      client.write(record('y'.repeat(2_000)));
      client.end(record('b'));
      await client.finished();
      expect(client.receipts).toEqual([
        ok(0),
        {
          error_code: 413,
          message: expect.stringMatching(
            /^The message is \d+ bytes when serialized which is larger than 1000/,
          ) as unknown,
        },
        ok(1),
      ]);
      await expectReceiptsMatchSpec(client.receipts);
    } finally {
      await app.close();
    }
  });

  // kafka-rest's ProduceAction(Batch)IntegrationTest.produceBinaryWithLargerSizeMessage: a value
  // as large as max.request.size allows is read and produced, whatever the body limit.
  it('produces a 20 MB BINARY value when max.request.size allows it, alone and in a batch', async () => {
    const maxSize = String(20 * 1024 * 1024);
    const { app, baseUrl } = await startApp({ KAFKA_REST_PRODUCER_MAX_REQUEST_SIZE: maxSize });
    try {
      // Default topic configs, as upstream: the broker's limits take a 20 MiB record.
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const value = randomBytes(20 * 1024 * 1024 - 100);
      const entry = {
        partition_id: 0,
        key: { type: 'BINARY', data: Buffer.from('foo').toString('base64') },
        value: { type: 'BINARY', data: value.toString('base64') },
      };
      const url = `${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records`;
      const post = (path: string, body: unknown) =>
        fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const single = await post(url, entry);
      expect(single.status).toBe(200);
      expect(await single.json()).toMatchObject({
        error_code: 200,
        offset: 0,
        value: { type: 'BINARY', size: value.length },
      });
      const batch = await post(`${url}:batch`, { entries: [{ id: '1', ...entry }] });
      expect(batch.status).toBe(207);
      expect(await batch.json()).toMatchObject({
        successes: [{ id: '1', offset: 1, value: { type: 'BINARY', size: value.length } }],
        failures: [],
      });
      const { records } = await readRecords(inject('kafkaBootstrap'), topic, { count: 2 });
      expect(records.map((r) => r.value?.equals(value))).toEqual([true, true]);
    } finally {
      await app.close();
    }
  });

  it('answers a 413 receipt, not a 500, for a BINARY value of MBs over max.request.size', async () => {
    const { app } = await startApp();
    try {
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: {
          value: { type: 'BINARY', data: randomBytes(7 * 1024 * 1024).toString('base64') },
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        error_code: 413,
        message: expect.stringMatching(/larger than 1048576/) as unknown,
      });
    } finally {
      await app.close();
    }
  });

  it('answers 429 receipts over the produce rate limit, with HTTP 200', async () => {
    const { app, baseUrl } = await startApp({
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: 'true',
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_GLOBAL_PER_SEC: '3',
    });
    try {
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const client = new StreamingClient(
        baseUrl,
        `/v3/clusters/${clusterId}/topics/${topic}/records`,
      );
      client.end([1, 2, 3, 4, 5].map((i) => record(`r${i}`)).join(''));
      const result = await client.finished();
      expect(result.status).toBe(200);
      const limited = {
        error_code: 429,
        message:
          'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
      };
      expect(client.receipts).toEqual([ok(0), ok(1), ok(2), limited, limited]);
      await expectReceiptsMatchSpec(client.receipts);
      const { records } = await readRecords(inject('kafkaBootstrap'), topic, {
        count: 5,
        timeoutMs: 1_000,
      });
      expect(records.map((r) => r.value?.toString())).toEqual(['r1', 'r2', 'r3']);
    } finally {
      await app.close();
    }
  });

  it('answers 408 for records after the maximum streaming duration', async () => {
    const { app, baseUrl } = await startApp({
      KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_MS: '400',
      KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_GRACE_PERIOD_MS: '2000',
    });
    try {
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const client = new StreamingClient(
        baseUrl,
        `/v3/clusters/${clusterId}/topics/${topic}/records`,
      );
      client.write(record('early'));
      await client.waitForReceipts(1);
      await new Promise((r) => setTimeout(r, 600));
      client.end(record('late'));
      await client.finished();
      expect(client.receipts).toEqual([
        ok(0),
        {
          error_code: 408,
          message: 'Streaming connection open for longer than allowed: Connection will be closed.',
        },
      ]);
      await expectReceiptsMatchSpec(client.receipts);
    } finally {
      await app.close();
    }
  });

  it('stops reading the body while the client does not read its receipts, then finishes', async () => {
    const { app, baseUrl } = await startApp({ GATEWAY_PRODUCE_STREAM_MAX_PENDING_BYTES: '65536' });
    try {
      const bootstrap = inject('kafkaBootstrap');
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const total = 200_000;
      const client = new StreamingClient(
        baseUrl,
        `/v3/clusters/${clusterId}/topics/${topic}/records`,
        {},
        { paused: true },
      );
      const chunk = record('v').repeat(1_000);
      for (let i = 0; i < total / 1_000; i++) {
        client.write(chunk);
      }
      client.end();
      // Receipts fill the socket buffers, the gateway stops writing them, then stops reading:
      // the number of records in Kafka stalls far below what was sent.
      const produced = async (): Promise<number> =>
        (await readRecords(bootstrap, topic, { count: total, timeoutMs: 300 })).records.length;
      await new Promise((r) => setTimeout(r, 2_000));
      const stalledAt = await produced();
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await produced()).toBe(stalledAt);
      expect(stalledAt).toBeLessThan(total / 2);
      client.resume();
      const result = await client.finished();
      expect(result.status).toBe(200);
      expect(client.receipts).toHaveLength(total);
      expect(client.receipts.every((r) => r.error_code === 200)).toBe(true);
      expect(client.receipts[total - 1]).toEqual(ok(total - 1));
    } finally {
      await app.close();
    }
  }, 120_000);
});
