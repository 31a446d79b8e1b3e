import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { readRecords } from '../../support/read-records';
import { TestContext } from '../../support/test-context';

const SPEC_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records:batch';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records:batch', () => {
  const bootstrap = inject('kafkaBootstrap');
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_API_V3_PRODUCE_BATCH_MAXIMUM_ENTRIES: '3',
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: 'true',
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_PER_SEC: '1000',
    });
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(
    clusterId: string,
    topic: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(payload),
    });
    await expectToMatchSpec(res, 'POST', SPEC_PATH);
    return res;
  }

  it('returns 207 with successes and failures, each in request order, and writes the successes', async () => {
    const { topic, clusterId } = await ctx.newTopic({ partitions: 2 });
    const res = await post(clusterId, topic, {
      entries: [
        {
          id: 'a-1',
          partition_id: 1,
          headers: [{ name: 'h', value: b64('x') }],
          key: { type: 'BINARY', data: b64('key') },
          value: { type: 'JSON', data: { n: 1 } },
          timestamp: '2024-01-02T03:04:05.678Z',
        },
        { id: 'b_2', value: { type: 'BINARY', data: 1 } },
        { id: 'C3', partition_id: 1, value: { type: 'STRING', data: 'second' } },
      ],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toEqual({
      successes: [
        {
          id: 'a-1',
          cluster_id: clusterId,
          topic_name: topic,
          partition_id: 1,
          offset: 0,
          timestamp: '2024-01-02T03:04:05.678Z',
          key: { type: 'BINARY', size: 3 },
          value: { type: 'JSON', size: 7 },
        },
        {
          id: 'C3',
          cluster_id: clusterId,
          topic_name: topic,
          partition_id: 1,
          offset: 1,
          timestamp: expect.any(String) as unknown,
          value: { type: 'STRING', size: 6 },
        },
      ],
      failures: [
        { id: 'b_2', error_code: 400, message: 'Bad Request: data=1 is not a base64 string.' },
      ],
    });
    const { records } = await readRecords(bootstrap, topic, { partition: 1, count: 2 });
    expect(records[0]).toEqual({
      partition: 1,
      offset: 0,
      timestamp: Date.parse('2024-01-02T03:04:05.678Z'),
      key: Buffer.from('key'),
      value: Buffer.from('{"n":1}'),
      headers: [['h', Buffer.from('x')]],
    });
    expect(records[1].value?.toString()).toBe('second');
  });

  it.each([
    [{ entries: [] }, 'Empty batch.'],
    [
      { entries: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }] },
      'Too many entries in batch.',
    ],
    [{ entries: [{ id: 'x' }, { id: 'x' }] }, 'Batch entry IDs are not distinct.'],
    // kafka-rest checks the ids before the count.
    [
      { entries: Array.from({ length: 4 }, () => ({ id: 'x' })) },
      'Batch entry IDs are not distinct.',
    ],
    [{ entries: [{ id: 7 }] }, 'Batch entry identifier is not a valid string.'],
    [{ entries: [{ id: 'has space' }] }, 'Batch entry identifier is not a valid string.'],
    [{ entries: [{ id: 'y'.repeat(81) }] }, 'Batch entry identifier is not a valid string.'],
  ])('answers 422/42208 for an invalid batch (%j)', async (payload, message) => {
    const { topic, clusterId } = await ctx.newTopic();
    const res = await post(clusterId, topic, payload);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error_code: 42208, message });
  });

  it('answers 422 for an empty body and for an unknown field', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const empty = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toEqual({
      error_code: 42208,
      message: 'Request body is empty. Data is required.',
    });
    const unknown = await post(clusterId, topic, { records: [] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toEqual({ error_code: 422, message: 'Unrecognized field: records' });
  });

  it('reports an unknown topic per entry', async () => {
    const clusterId = await ctx.clusterId();
    const res = await post(clusterId, 'no-such-topic-batch', {
      entries: [{ id: '1', value: null }],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toEqual({
      successes: [],
      failures: [
        {
          id: '1',
          error_code: 40401,
          message: 'Topic no-such-topic-batch not present in metadata.',
        },
      ],
    });
  });

  it('replays the receipts of a retried Idempotency-Key and produces nothing again', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const body = { entries: [{ id: '1', value: { type: 'STRING', data: 'once' } }] };
    const first = await post(clusterId, topic, body, { 'idempotency-key': 'k-1' });
    const again = await post(clusterId, topic, body, { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(207);
    expect(again.json()).toEqual(first.json());
    const other = await post(clusterId, topic, body, { 'idempotency-key': 'k-2' });
    expect(other.json<{ successes: { offset: number }[] }>().successes[0].offset).toBe(1);
    const mismatch = await post(
      clusterId,
      topic,
      { entries: [{ id: '1', value: null }] },
      { 'idempotency-key': 'k-1' },
    );
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Idempotency-Key was already used with a different request body.',
    });
    const { records } = await readRecords(bootstrap, topic, { count: 3, timeoutMs: 1_000 });
    expect(records.map((r) => r.value?.toString())).toEqual(['once', 'once']);
  });
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records:batch (rate limited)', () => {
  it('answers 429 failures over the per-cluster records/s limit, with HTTP 207', async () => {
    const app = await createTestApp({
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: 'true',
      KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_PER_SEC: '2',
    });
    try {
      const { topic, clusterId } = await new TestContext(app).newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
        headers: { 'content-type': 'application/json' },
        payload: {
          entries: ['1', '2', '3'].map((id) => ({ id, value: { type: 'STRING', data: id } })),
        },
      });
      await expectToMatchSpec(res, 'POST', SPEC_PATH);
      expect(res.statusCode).toBe(207);
      const body = res.json<{ successes: { id: string }[]; failures: unknown[] }>();
      expect(body.successes.map((s) => s.id)).toEqual(['1', '2']);
      expect(body.failures).toEqual([
        {
          id: '3',
          error_code: 429,
          message:
            'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
        },
      ]);
    } finally {
      await app.close();
    }
  });

  // kafka-rest ProduceBatchActionIntegrationTest test_when{Global,Cluster}ByteLimitReached_...
  it.each(['MAX_BYTES_GLOBAL_PER_SEC', 'MAX_BYTES_PER_SEC'])(
    'answers a 429 failure for the first entry over %s=1, with HTTP 207',
    async (limit) => {
      const app = await createTestApp({
        KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: 'true',
        [`KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_${limit}`]: '1',
      });
      try {
        const { topic, clusterId } = await new TestContext(app).newTopic();
        const res = await app.inject({
          method: 'POST',
          url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
          headers: { 'content-type': 'application/json' },
          payload: {
            entries: [
              { id: '1', key: { type: 'JSON', data: 'foo' }, value: { type: 'JSON', data: 'bar' } },
            ],
          },
        });
        await expectToMatchSpec(res, 'POST', SPEC_PATH);
        expect(res.statusCode).toBe(207);
        expect(res.json()).toEqual({
          successes: [],
          failures: [
            {
              id: '1',
              error_code: 429,
              message:
                'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
            },
          ],
        });
      } finally {
        await app.close();
      }
    },
  );
});
