import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const V2_JSON = /^application\/vnd\.kafka\.v2\+json/;

describe('v2 metadata API', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;
  let brokerIds: number[];

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
    const clusterId = await ctx.clusterId();
    const brokers = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/brokers` });
    brokerIds = brokers.json<{ data: { broker_id: number }[] }>().data.map((b) => b.broker_id);
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET / and POST / answer {} (liveness no-op)', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await app.inject({ method, url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({});
    }
  });

  it('GET /brokers lists the broker ids', async () => {
    const res = await app.inject({ method: 'GET', url: '/brokers' });
    expect(res.headers['content-type']).toMatch(V2_JSON);
    expect(res.json()).toEqual({ brokers: brokerIds });
  });

  it('GET /topics lists topic names without internal topics', async () => {
    const { topic } = await ctx.newTopic();
    const names = (await app.inject({ method: 'GET', url: '/topics' })).json<string[]>();
    expect(names).toContain(topic);
    expect(names.filter((n) => n.startsWith('__'))).toEqual([]);
  });

  it('GET /topics/:topic describes partitions, replicas and configs', async () => {
    const { topic } = await ctx.newTopic({ partitions: 2 });
    const leader = brokerIds[0];
    const res = await app.inject({ method: 'GET', url: `/topics/${topic}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ configs: Record<string, string> }>();
    expect(body).toEqual({
      name: topic,
      configs: expect.any(Object) as unknown,
      partitions: [0, 1].map((partition) => ({
        partition,
        leader,
        replicas: [{ broker: leader, leader: true, in_sync: true }],
      })),
    });
    expect(body.configs['cleanup.policy']).toBe('delete');
  });

  it('GET /topics/:topic/partitions[/:p][/offsets] describe partitions and offsets', async () => {
    const { topic } = await ctx.newTopic({ partitions: 2 });
    const partitions = await app.inject({ method: 'GET', url: `/topics/${topic}/partitions` });
    expect(partitions.json<unknown[]>()).toHaveLength(2);
    const one = await app.inject({ method: 'GET', url: `/topics/${topic}/partitions/1` });
    expect(one.json()).toEqual({
      partition: 1,
      leader: brokerIds[0],
      replicas: [{ broker: brokerIds[0], leader: true, in_sync: true }],
    });
    const offsets = await app.inject({
      method: 'GET',
      url: `/topics/${topic}/partitions/1/offsets`,
    });
    expect(offsets.json()).toEqual({ beginning_offset: 0, end_offset: 0 });
  });

  it('answers 40403 for an unknown topic (kafka-rest MetadataApiTest) and 40402 for an unknown partition', async () => {
    const missing = uniqueName('missing');
    for (const path of ['', '/partitions', '/partitions/0', '/partitions/0/offsets']) {
      const topicRes = await app.inject({ method: 'GET', url: `/topics/${missing}${path}` });
      expect([topicRes.statusCode, topicRes.json()]).toEqual([
        404,
        { error_code: 40403, message: 'This server does not host this topic-partition.' },
      ]);
    }
    const { topic } = await ctx.newTopic();
    const partitionRes = await app.inject({ method: 'GET', url: `/topics/${topic}/partitions/5` });
    expect([partitionRes.statusCode, partitionRes.json()]).toEqual([
      404,
      { error_code: 40402, message: 'Partition not found.' },
    ]);
  });

  it('is switched off by api.v2.enable=false', async () => {
    const v3Only = await createTestApp({ KAFKA_REST_API_V2_ENABLE: 'false' });
    try {
      const res = await v3Only.inject({ method: 'GET', url: '/topics' });
      expect([res.statusCode, res.json()]).toEqual([
        404,
        { error_code: 404, message: 'HTTP 404 Not Found' },
      ]);
      expect((await v3Only.inject({ method: 'GET', url: '/v3/clusters' })).statusCode).toBe(200);
    } finally {
      await v3Only.close();
    }
  });
});
