import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { createTestApp } from '../support/create-app';
import { listenTestApp } from '../support/listening-app';
import { expectToMatchSpec } from '../support/openapi';
import { TestContext } from '../support/test-context';

describe('the /kafka/v3 prefix (Confluent Server and Cloud)', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the same resources with links under /kafka/v3', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const paths = [
      ['/clusters', ''],
      ['/clusters/{cluster_id}', `/clusters/${clusterId}`],
      ['/clusters/{cluster_id}/brokers', `/clusters/${clusterId}/brokers`],
      ['/clusters/{cluster_id}/topics/{topic_name}', `/clusters/${clusterId}/topics/${topic}`],
      [
        '/clusters/{cluster_id}/topics/{topic_name}/partitions',
        `/clusters/${clusterId}/topics/${topic}/partitions`,
      ],
    ];
    for (const [template, concrete] of paths) {
      const url = template === '/clusters' ? '/clusters' : concrete;
      const v3 = await app.inject({ method: 'GET', url: `/v3${url}`, headers: { host: 'gw:9' } });
      const kafkaV3 = await app.inject({
        method: 'GET',
        url: `/kafka/v3${url}`,
        headers: { host: 'gw:9' },
      });
      await expectToMatchSpec(kafkaV3, 'GET', template);
      expect(kafkaV3.statusCode).toBe(200);
      expect(kafkaV3.body).toBe(v3.body.replaceAll('http://gw:9/v3/', 'http://gw:9/kafka/v3/'));
      expect(kafkaV3.body).toContain('http://gw:9/kafka/v3/');
    }
  });

  it('uses the first advertised URL with the request scheme for links', async () => {
    const advertised = await createTestApp({
      KAFKA_REST_ADVERTISED_LISTENERS:
        'https://secure.example.com:443,http://public.example.com:8082',
    });
    try {
      const res = await advertised.inject({
        method: 'GET',
        url: '/kafka/v3/clusters',
        headers: { host: 'internal:8082' },
      });
      await expectToMatchSpec(res, 'GET', '/clusters');
      expect(res.json<{ metadata: { self: string } }>().metadata.self).toBe(
        'http://public.example.com:8082/kafka/v3/clusters',
      );
    } finally {
      await advertised.close();
    }
  });

  // kafka-rest's UrlFactoryImpl: host.name, then a listener's own address, then the Host.
  it('links to host.name, else to a listener with an address, as kafka-rest', async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { KAFKA_REST_HOST_NAME: 'rest.example', KAFKA_REST_LISTENERS: 'http://0.0.0.0:9001' },
        'http://rest.example:9001/v3/clusters',
      ],
      [
        { KAFKA_REST_LISTENERS: 'http://rest.internal:9002' },
        'http://rest.internal:9002/v3/clusters',
      ],
      [{ KAFKA_REST_LISTENERS: 'http://0.0.0.0:9003' }, 'http://internal:8082/v3/clusters'],
    ];
    for (const [env, self] of cases) {
      const app = await createTestApp(env);
      try {
        const res = await app.inject({
          method: 'GET',
          url: '/v3/clusters',
          headers: { host: 'internal:8082' },
        });
        await expectToMatchSpec(res, 'GET', '/clusters');
        expect(res.json<{ metadata: { self: string } }>().metadata.self, JSON.stringify(env)).toBe(
          self,
        );
      } finally {
        await app.close();
      }
    }
  });

  // An HTTP/1.0 request may come without Host: Jetty then names the address it reached.
  it('links to the address the request reached when it has no Host header', async () => {
    const { app: listening, port } = await listenTestApp();
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = createConnection({ host: '127.0.0.1', port }, () => {
          socket.write('GET /v3/clusters HTTP/1.0\r\n\r\n');
        });
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
        metadata: { self: string };
      };
      expect(body.metadata.self).toBe(`http://127.0.0.1:${port}/v3/clusters`);
    } finally {
      await listening.close();
    }
  });
});
