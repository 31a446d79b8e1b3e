import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { createTestApp } from '../../support/create-app';
import { TestContext } from '../../support/test-context';

/** An unsecured JWT (alg "none"), which Kafka's default OAUTHBEARER validator accepts. */
function unsecuredJwt(sub: string): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none' })}.${part({ sub, iat: now, exp: now + 3600, scope: 'kafka' })}.`;
}

describe("the gateway's own Kafka connection over SASL/OAUTHBEARER", () => {
  let cluster: LocalKafkaCluster;
  let tokenEndpoint: Server;
  let app: NestFastifyApplication;
  const grants: string[] = [];

  beforeAll(async () => {
    cluster = await LocalKafkaCluster.start({ sasl: { users: [], superUsers: ['gateway'] } });
    // A client-credentials token endpoint: checks the client's Basic credentials and grant type.
    tokenEndpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const basic = Buffer.from('gateway-client:s3cret').toString('base64');
        grants.push(new URLSearchParams(body).get('grant_type') ?? '');
        if (req.headers.authorization !== `Basic ${basic}`) {
          res.writeHead(401).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: unsecuredJwt('gateway'),
            expires_in: 3600,
            token_type: 'bearer',
          }),
        );
      });
    });
    await new Promise<void>((resolve) => tokenEndpoint.listen(0, '127.0.0.1', resolve));
    const port = (tokenEndpoint.address() as AddressInfo).port;
    app = await createTestApp({
      KAFKA_BOOTSTRAP_SERVERS: cluster.saslBootstrapServers!,
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'OAUTHBEARER',
      KAFKA_REST_CLIENT_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: `http://127.0.0.1:${port}/token`,
      KAFKA_REST_CLIENT_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="gateway-client" clientSecret="s3cret";',
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    tokenEndpoint?.close();
    await cluster?.stop();
  });

  it('administers, produces and consumes with a token from the token endpoint', async () => {
    const { topic, clusterId } = await new TestContext(app).newTopic();
    const produced = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      payload: { value: { type: 'STRING', data: 'over oauth' } },
    });
    expect(produced.json<{ error_code: number }>().error_code).toBe(200);
    const read = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=string`,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json<{ data: { value: unknown }[] }>().data.map((r) => r.value)).toEqual([
      { type: 'STRING', data: 'over oauth' },
    ]);
    expect(grants.length).toBeGreaterThan(0);
    expect(new Set(grants)).toEqual(new Set(['client_credentials']));
  });
});
