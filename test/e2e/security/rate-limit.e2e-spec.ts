import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { TestContext } from '../../support/test-context';
import { basic, writeCredentialFiles } from './support/credential-files';

const RATE_LIMITED = {
  error_code: 429,
  message: 'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
};
const ok = (n: number): number[] => Array.from({ length: n }, () => 200);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rate.limit.enable=true (admin API)', () => {
  let app: NestFastifyApplication;
  let clusterId: string;
  let topic: string;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_RATE_LIMIT_ENABLE: 'true',
      KAFKA_REST_RATE_LIMIT_PERMITS_PER_SEC: '3',
      KAFKA_REST_RATE_LIMIT_COSTS: 'api.v3.clusters.*=0,api.v3.topics.list=3',
    });
    ({ topic, clusterId } = await new TestContext(app).newTopic());
    await sleep(1_100); // the fixture's requests spent permits too
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  // Requests are sent together, in order, so the bucket has no time to refill between them
  // however slow the machine is.
  const statuses = async (requests: Promise<{ statusCode: number }>[]) =>
    (await Promise.all(requests)).map((r) => r.statusCode);

  it('answers 429 with Retry-After once the permits of the second are spent, then recovers', async () => {
    const brokers = `/v3/clusters/${clusterId}/brokers`;
    const answers = await Promise.all([
      get(brokers),
      get(brokers),
      get(brokers),
      get(brokers),
      // HEAD runs the GET handler: it is limited too.
      app.inject({ method: 'HEAD', url: brokers }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 429, 429]);
    const limited = answers[3];
    expect(limited.json()).toEqual(RATE_LIMITED);
    expect(limited.headers['retry-after']).toBe('1');
    // Not checked against the spec: its 429 is the text/html of Jetty's DoSFilter, while
    // kafka-rest's admin limiter answers this JSON body (CONFLUENT-REST-NOTES.md §3.5).
    await sleep(1_100);
    expect((await get(brokers)).statusCode).toBe(200);
  });

  it('charges rate.limit.costs per endpoint: cost 3 spends the whole second, cost 0 nothing', async () => {
    await sleep(1_100);
    const answers = await statuses([
      get(`/v3/clusters/${clusterId}/topics`),
      ...Array.from({ length: 10 }, () => get('/v3/clusters')),
      get(`/v3/clusters/${clusterId}/brokers`),
    ]);
    expect(answers).toEqual([200, ...ok(10), 429]);
  });

  it('never limits produce, health or metrics', async () => {
    await sleep(1_100);
    const answers = await statuses([
      get(`/v3/clusters/${clusterId}/topics`), // spends the second
      ...Array.from({ length: 5 }, (_v, i) =>
        app.inject({
          method: 'POST',
          url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ value: { type: 'JSON', data: i } }),
        }),
      ),
      get('/healthy'),
      get('/metrics'),
      get(`/v3/clusters/${clusterId}/brokers`),
    ]);
    expect(answers).toEqual([200, ...ok(5), 200, 200, 429]);
  });
});

describe('GATEWAY_RATE_LIMIT_PER_PRINCIPAL_PERMITS_PER_SEC', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const files = writeCredentialFiles();
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
      KAFKA_REST_RATE_LIMIT_ENABLE: 'true',
      KAFKA_REST_RATE_LIMIT_PERMITS_PER_SEC: '1000',
      GATEWAY_RATE_LIMIT_PER_PRINCIPAL_PERMITS_PER_SEC: '2',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("limits each principal on its own: one user's burst does not block another", async () => {
    const as = (user: string, password: string) =>
      app.inject({ method: 'GET', url: '/v3/clusters', headers: basic(user, password) });
    // Checked once first, so bcrypt's time does not count against the bucket below.
    await Promise.all([as('alice', 'alice-secret'), as('bob', 'bob-secret')]);
    await new Promise((r) => setTimeout(r, 1_100));
    const answers = await Promise.all(
      [
        ['alice', 'alice-secret'],
        ['alice', 'alice-secret'],
        ['alice', 'alice-secret'],
        ['bob', 'bob-secret'],
      ].map(([user, password]) => as(user, password)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 429, 200]);
  });
});

describe('rate.limit.per.cluster.permits.per.sec', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_RATE_LIMIT_ENABLE: 'true',
      KAFKA_REST_RATE_LIMIT_PERMITS_PER_SEC: '1000',
      KAFKA_REST_RATE_LIMIT_PER_CLUSTER_PERMITS_PER_SEC: '1',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('limits the requests naming one cluster, not the others (RestCustomRequestLogIntegrationTest)', async () => {
    const clusters = await app.inject({ method: 'GET', url: '/v3/clusters' });
    const id = clusters.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
    await new Promise((r) => setTimeout(r, 1_100));
    const answers = await Promise.all(
      [`/v3/clusters/${id}`, `/v3/clusters/${id}/brokers`, `/v3/clusters/${id}/topics`].map((url) =>
        app.inject({ method: 'GET', url }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([200, 429, 429]);
    expect(answers[1].json()).toEqual(RATE_LIMITED);
    // The cluster list names no cluster: only the global limit applies.
    expect((await app.inject({ method: 'GET', url: '/v3/clusters' })).statusCode).toBe(200);
  });
});
