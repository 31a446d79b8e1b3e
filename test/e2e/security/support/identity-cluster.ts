import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { expect } from 'vitest';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { basic, hash } from './credential-files';
import { JwksServer } from './jwks-server';
import { startListeningApp } from './listening-app';

// Kafka knows these users (SCRAM and PLAIN); the gateway's password file knows them too.
export const KAFKA_USERS = [
  { name: 'gateway', password: 'gateway-secret' },
  { name: 'alice', password: 'alice-secret' },
  { name: 'bob', password: 'bob-secret' },
];
export const GATEWAY = basic('gateway', 'gateway-secret');
export const ALICE = basic('alice', 'alice-secret');
export const BOB = basic('bob', 'bob-secret');

/**
 * A broker with a SASL listener (PLAIN, SCRAM, and OAUTHBEARER JWTs signed by a local JWKS), ACLs
 * on, `gateway` its super user; and the gateway's password file for the same users (plus carol,
 * whom Kafka does not know).
 */
export class IdentityCluster {
  private constructor(
    readonly kafka: LocalKafkaCluster,
    readonly jwks: JwksServer,
    readonly passwordFile: string,
  ) {}

  static async start(): Promise<IdentityCluster> {
    // Kafka fetches the keys at start: the JWKS server runs first.
    const jwks = await JwksServer.start();
    const kafka = await LocalKafkaCluster.start({
      sasl: { users: KAFKA_USERS, superUsers: ['gateway'], oauthBearerJwks: { url: jwks.url } },
    });
    const dir = mkdtempSync(join(tmpdir(), 'gateway-identity-'));
    const passwordFile = join(dir, 'password.properties');
    writeFileSync(
      passwordFile,
      [...KAFKA_USERS, { name: 'carol', password: 'carol-secret' }]
        .map((u) => `${u.name}: ${hash(u.password)}`)
        .join('\n'),
    );
    return new IdentityCluster(kafka, jwks, passwordFile);
  }

  async stop(): Promise<void> {
    await this.kafka.stop();
    await this.jwks.stop();
  }

  /** The gateway on the SASL listener, authenticated to Kafka as its own super user. */
  gatewayEnv(env: Record<string, string>): Record<string, string> {
    return {
      KAFKA_BOOTSTRAP_SERVERS: this.kafka.saslBootstrapServers ?? '',
      GATEWAY_LOG_LEVEL: 'warn',
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_REST_CLIENT_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.scram.ScramLoginModule required ' +
        'username="gateway" password="gateway-secret";',
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_PASSWORD_FILE: this.passwordFile,
      ...env,
    };
  }

  /** A listening gateway with `env`; its cluster id, found as the gateway's super user. */
  async startGateway(
    env: Record<string, string>,
  ): Promise<{ app: NestFastifyApplication; url: string; clusterId: string }> {
    const { app, urls } = await startListeningApp(
      this.gatewayEnv({ KAFKA_REST_LISTENERS: 'http://127.0.0.1:0', ...env }),
    );
    const clusters = await app.inject({ method: 'GET', url: '/v3/clusters', headers: GATEWAY });
    expect(clusters.statusCode, clusters.body).toBe(200);
    const clusterId = clusters.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
    return { app, url: urls[0], clusterId };
  }
}

/** Kafka's ACLs, made through a gateway that acts as `gateway`: alice owns topics and groups alice-*. */
export async function grantAliceHerPrefix(
  app: NestFastifyApplication,
  clusterId: string,
  headers: Record<string, string> = GATEWAY,
): Promise<void> {
  for (const resourceType of ['TOPIC', 'GROUP']) {
    const acl = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/acls`,
      headers,
      payload: {
        resource_type: resourceType,
        resource_name: 'alice-',
        pattern_type: 'PREFIXED',
        principal: 'User:alice',
        host: '*',
        operation: 'ALL',
        permission: 'ALLOW',
      },
    });
    expect(acl.statusCode, acl.body).toBe(201);
  }
}
