import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './gateway.config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

const dir = mkdtempSync(join(tmpdir(), 'security-config-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('HTTP security settings', () => {
  it('defaults to plain HTTP, no authentication and the slow-client limits', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({
      listeners: [{ scheme: 'http', host: '0.0.0.0', port: 8082 }],
      tls: null,
      idleTimeoutMs: 30_000,
      headersTimeoutMs: 30_000,
      maxHeaderSize: 8_192,
    });
    expect(config.security).toEqual({
      authentication: null,
      authorization: null,
      propagateIdentity: false,
      dosFilter: null,
      rateLimit: null,
      bodyTimeoutMs: 60_000,
      maxConcurrentStreams: 1_000,
    });
    expect(config.kafka.identity).toBeUndefined();
  });

  it("reads rest-utils' dos.filter settings, with Jetty DoSFilter's defaults", () => {
    expect(loadConfig({ KAFKA_REST_DOS_FILTER_ENABLED: 'true' }).security.dosFilter).toEqual({
      maxRequestsPerSec: 25,
      maxRequestsPerConnectionPerSec: 25,
      delayMs: 100,
      maxWaitMs: 50,
      throttledRequests: 5,
      throttleMs: 30_000,
      insertHeaders: true,
      ipWhitelist: [],
      maxIdleTrackerMs: 30_000,
    });
    const set = loadConfig({
      KAFKA_REST_DOS_FILTER_ENABLED: 'true',
      KAFKA_REST_DOS_FILTER_DELAY_MS: '-1',
      KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC: '3',
      KAFKA_REST_DOS_FILTER_IP_WHITELIST: '10.0.0.1, 10.0.0.2',
    }).security.dosFilter;
    expect(set).toMatchObject({
      delayMs: -1,
      maxRequestsPerConnectionPerSec: 3,
      ipWhitelist: ['10.0.0.1', '10.0.0.2'],
    });
  });

  it('reads every listener and the PEM keystore with ssl.client.authentication', () => {
    const pem = file('server.pem', 'KEY+CERT');
    const ca = file('ca.pem', 'CA');
    const config = loadConfig({
      KAFKA_REST_LISTENERS: 'http://0.0.0.0:8082,https://[::1]:8443',
      KAFKA_REST_SSL_KEYSTORE_LOCATION: pem,
      KAFKA_REST_SSL_KEYSTORE_TYPE: 'PEM',
      KAFKA_REST_SSL_TRUSTSTORE_LOCATION: ca,
      KAFKA_REST_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_REST_SSL_CLIENT_AUTH: 'true',
      KAFKA_REST_SSL_ENABLED_PROTOCOLS: 'TLSv1.3,TLSv1.2',
    });
    expect(config.server.listeners).toEqual([
      { scheme: 'http', host: '0.0.0.0', port: 8082 },
      { scheme: 'https', host: '::1', port: 8443 },
    ]);
    expect(config.server.tls).toEqual({
      key: 'KEY+CERT',
      cert: 'KEY+CERT',
      passphrase: undefined,
      ca: 'CA',
      clientAuthentication: 'REQUIRED',
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
    });
  });

  it('reports every unusable security setting together', () => {
    expect(
      problemsOf({
        KAFKA_REST_LISTENERS: 'https://0.0.0.0:8443',
        KAFKA_REST_SSL_KEYSTORE_LOCATION: '/nowhere/keystore.jks',
        KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC,DIGEST',
        KAFKA_REST_RATE_LIMIT_ENABLE: 'true',
        KAFKA_REST_RATE_LIMIT_COSTS: 'api.v3.topics.list=x',
        GATEWAY_AUTHORIZATION_RULES_FILE: file('rules.json', '{"grants":[{"principals":[]}]}'),
      }),
    ).toEqual([
      expect.stringContaining("ssl.keystore.type: only PEM is supported (got 'JKS')"),
      'ssl.keystore.location: cannot read /nowhere/keystore.jks',
      expect.stringContaining('an https listener needs GATEWAY_TLS_KEY_FILE'),
      'authentication.method: unknown DIGEST (NONE, BASIC, BEARER, CERTIFICATE)',
      expect.stringContaining('authentication.method=BASIC needs GATEWAY_AUTH_PASSWORD_FILE'),
      expect.stringContaining('rules.json: grants.0.principals'),
      "rate.limit.costs: 'api.v3.topics.list=x' is not <resource name>=<non-negative integer>",
    ]);
  });

  it('needs BASIC or BEARER authentication for identity propagation and for rules', () => {
    expect(
      problemsOf({
        GATEWAY_KAFKA_IDENTITY_PROPAGATION: 'true',
        GATEWAY_AUTHORIZATION_RULES_FILE: file('ok-rules.json', '{"grants":[]}'),
      }),
    ).toEqual([
      'GATEWAY_KAFKA_IDENTITY_PROPAGATION needs authentication.method BASIC or BEARER',
      'GATEWAY_AUTHORIZATION_RULES_FILE needs an authentication.method (BASIC, BEARER or CERTIFICATE)',
    ]);
  });

  it("propagates with the gateway's own SASL mechanism unless told otherwise", () => {
    const passwords = file('pw.properties', 'alice: secret');
    const config = loadConfig({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_PASSWORD_FILE: passwords,
      KAFKA_REST_CONFLUENT_REST_AUTH_PROPAGATE_METHOD: 'JETTY_AUTH',
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_REST_CLIENT_SASL_JAAS_CONFIG: 'x required username="gw" password="pw";',
    });
    expect(config.security.propagateIdentity).toBe(true);
    expect(config.kafka.identity).toEqual({
      mechanism: 'scram-sha-256',
      maxClients: 100,
      idleMs: 300_000,
    });
  });
});
