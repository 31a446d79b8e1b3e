import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';

// rest-utils' Jetty DoS filters (dos.filter.*), as kafka-rest's
// RestCustomRequestLogIntegrationTest drives them: 100 requests, a limit of 1 per second.
describe('dos.filter.enabled=true', () => {
  let app: NestFastifyApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const get = (url: string, remoteAddress = '127.0.0.1') =>
    app!.inject({ method: 'GET', url, remoteAddress, headers: { accept: 'application/json' } });

  it('refuses requests over dos.filter.max.requests.per.sec with 429 (delay.ms -1)', async () => {
    app = await createTestApp({
      KAFKA_REST_DOS_FILTER_ENABLED: 'true',
      KAFKA_REST_DOS_FILTER_DELAY_MS: '-1',
      KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC: '1',
      KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC: '99999',
    });
    const answers = await Promise.all(
      // Different client IPs: the whole gateway's rate is what counts here.
      Array.from({ length: 100 }, (_, i) => get('/v3/clusters', `10.0.0.${i % 200}`)),
    );
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(99);
    const refused = answers.find((r) => r.statusCode === 429)!;
    await expectToMatchSpec(refused, 'GET', '/clusters');
    expect(refused.headers['content-type']).toBe('text/html;charset=utf-8');
    expect(refused.headers.dosfilter).toBe('unavailable');
    expect(refused.body).toContain('<h2>HTTP ERROR 429 Too Many Requests</h2>');
    expect(refused.body).toContain('<td>/v3/clusters</td>');
    // Probes and scrapes are not limited.
    expect((await get('/healthy')).statusCode).toBe(200);
    expect((await get('/metrics')).statusCode).toBe(200);
  });

  it('limits each client IP on its own with max.requests.per.connection.per.sec, except whitelisted ones', async () => {
    app = await createTestApp({
      KAFKA_REST_DOS_FILTER_ENABLED: 'true',
      KAFKA_REST_DOS_FILTER_DELAY_MS: '-1',
      KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC: '99999',
      KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC: '2',
      KAFKA_REST_DOS_FILTER_IP_WHITELIST: '10.9.9.9',
    });
    const statuses = async (ip: string) =>
      (await Promise.all([1, 2, 3, 4].map(() => get('/v3/clusters', ip)))).map((r) => r.statusCode);
    expect(await statuses('10.0.0.1')).toEqual([200, 200, 429, 429]);
    expect(await statuses('10.0.0.2')).toEqual([200, 200, 429, 429]);
    expect(await statuses('10.9.9.9')).toEqual([200, 200, 200, 200]);
  });

  it('delays requests over the rate by dos.filter.delay.ms, then serves them', async () => {
    app = await createTestApp({
      KAFKA_REST_DOS_FILTER_ENABLED: 'true',
      KAFKA_REST_DOS_FILTER_DELAY_MS: '300',
      KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC: '1',
    });
    expect((await get('/v3/clusters')).statusCode).toBe(200);
    const started = Date.now();
    const delayed = await get('/v3/clusters');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(delayed.statusCode).toBe(200);
    expect(delayed.headers.dosfilter).toBe('delayed');
  });
});
