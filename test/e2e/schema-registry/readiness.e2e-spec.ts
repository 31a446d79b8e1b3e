import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { freePort } from '../../support/free-port';
import { schemaRegistryUrl } from '../../support/schema-registry';

describe('GET /ready with a schema registry configured', () => {
  let app: NestFastifyApplication;
  let deadRegistryApp: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ KAFKA_REST_SCHEMA_REGISTRY_URL: schemaRegistryUrl() });
    deadRegistryApp = await createTestApp({
      KAFKA_REST_SCHEMA_REGISTRY_URL: `http://127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    await Promise.all([app?.close(), deadRegistryApp?.close()]);
  });

  it('reports the schema registry ready when it answers', async () => {
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, checks: { kafka: 'UP', 'schema-registry': 'UP' } });
  });

  it('answers 503 naming the registry when it cannot be reached', async () => {
    const ready = await deadRegistryApp.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      ready: false,
      checks: {
        kafka: 'UP',
        'schema-registry': expect.stringMatching(
          /^DOWN: Schema Registry is not reachable: http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/,
        ) as unknown,
      },
    });
  });
});
