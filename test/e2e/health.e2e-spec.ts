import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/create-app';
import { freePort } from '../support/free-port';

describe('GET /healthy and GET /ready', () => {
  let app: NestFastifyApplication;
  let deadBrokerApp: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
    deadBrokerApp = await createTestApp({
      KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    await Promise.all([app.close(), deadBrokerApp.close()]);
  });

  it('reports the process up and Kafka ready when the broker answers', async () => {
    const healthy = await app.inject({ method: 'GET', url: '/healthy' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'UP' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, checks: { kafka: 'UP' } });
  });

  it('stays live but not ready when Kafka cannot be reached', async () => {
    const healthy = await deadBrokerApp.inject({ method: 'GET', url: '/healthy' });
    expect(healthy.statusCode).toBe(200);
    const ready = await deadBrokerApp.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      ready: false,
      checks: { kafka: expect.stringMatching(/^DOWN: Kafka is not reachable/) as unknown },
    });
  });

  it('echoes X-Request-Id, or generates one', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/healthy',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await app.inject({ method: 'GET', url: '/healthy' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
