import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readConfigSources } from '../../apps/gateway/src/config/config-sources';
import { loadConfig } from '../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/create-app';
import { createTestApp } from '../support/create-app';
import { freePort } from '../support/free-port';

describe('a Confluent kafka-rest.properties file', () => {
  let app: NestFastifyApplication;
  let port: number;
  let unsupported: string[];

  beforeAll(async () => {
    port = await freePort();
    const file = join(mkdtempSync(join(tmpdir(), 'kafka-rest-')), 'kafka-rest.properties');
    writeFileSync(
      file,
      [
        '# As shipped with Confluent Platform, pointed at the test broker',
        `bootstrap.servers=${inject('kafkaBootstrap')
          .split(',')
          .map((s) => `PLAINTEXT://${s}`)
          .join(',')}`,
        `listeners=http://127.0.0.1:${port}`,
        `advertised.listeners=http://rest.example.com:8082`,
        'client.security.protocol=PLAINTEXT',
        'confluent.resource.name.authority=example.com',
        'host.name=legacy-host',
        'websocket.path.prefix=/ws',
        'gateway.log.level=warn',
      ].join('\n'),
    );
    const sources = readConfigSources(['--config', file], {});
    const config = loadConfig(sources.values);
    unsupported = config.unsupportedSettings;
    app = await createGatewayApp({ ...config, bootstrapServers: config.bootstrapServers ?? [] });
    await app.listen(config.listen.port, config.listen.host);
  });
  afterAll(async () => {
    await app.close();
  });

  it('starts the gateway against the cluster it names, with its listeners and links', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v3/clusters`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      metadata: { self: string };
      data: { metadata: { resource_name: string } }[];
    };
    expect(body.metadata.self).toBe('http://rest.example.com:8082/v3/clusters');
    expect(body.data[0].metadata.resource_name).toMatch(/^crn:\/\/example\.com\/kafka=/);
  });

  it('reports the settings it does not support instead of ignoring them silently', () => {
    expect(unsupported).toEqual(['websocket.path.prefix']);
  });
});

// kafka-rest's KafkaRestStartUpIntegrationTest: incomplete client security settings do not stop
// the start; every request that needs Kafka answers 500, with the configured response headers.
describe('incomplete Kafka client security settings', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'OAUTHBEARER',
      KAFKA_REST_CLIENT_SASL_KERBEROS_SERVICE_NAME: 'kafka',
      KAFKA_REST_RESPONSE_HTTP_HEADERS_CONFIG: 'add X-XSS-Protection: 1; mode=block',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('starts, and answers 500 with the reason wherever Kafka is needed', async () => {
    const clusters = await app.inject({ method: 'GET', url: '/v3/clusters' });
    expect(clusters.statusCode).toBe(500);
    expect(clusters.headers['x-xss-protection']).toBe('1; mode=block');
    expect(clusters.json<{ error_code: number; message: string }>()).toEqual({
      error_code: 50002,
      message: expect.stringMatching(
        /^Invalid Kafka client configuration: client.sasl.mechanism=OAUTHBEARER needs/,
      ) as string,
    });
    const produce = await app.inject({
      method: 'POST',
      url: '/topics/anything',
      headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
      payload: { records: [{ value: 1 }] },
    });
    expect(produce.statusCode).toBe(500);
    const consumer = await app.inject({
      method: 'POST',
      url: '/consumers/startup-group',
      headers: { 'content-type': 'application/vnd.kafka.v2+json' },
      payload: { format: 'json' },
    });
    // The Java consumer fails in its constructor (no JAAS login), so creating the instance does.
    expect(consumer.statusCode).toBe(500);
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
  });
});
