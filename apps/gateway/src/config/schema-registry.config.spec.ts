import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './gateway.config';

describe('schema registry settings', () => {
  it('configures no registry by default (schema requests get 42206)', () => {
    expect(loadConfig({})).toMatchObject({ schemaRegistry: null, localSchemaRegistry: false });
    expect(loadConfig({ KAFKA_REST_SCHEMA_REGISTRY_URL: '' }).schemaRegistry).toBeNull();
  });

  it('reads schema.registry.url as a comma-separated list', () => {
    const config = loadConfig({
      KAFKA_REST_SCHEMA_REGISTRY_URL: 'http://sr1:8081, https://sr2:8081',
    });
    expect(config.schemaRegistry).toEqual({
      urls: ['http://sr1:8081', 'https://sr2:8081'],
      requestTimeoutMs: 10_000,
    });
    expect(config.unsupportedSettings).toEqual([]);
  });

  it('reads USER_INFO credentials under the Confluent names (kafka-rest#592 client.* too)', () => {
    for (const name of [
      'KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO',
      'KAFKA_REST_CLIENT_BASIC_AUTH_USER_INFO',
      'KAFKA_REST_CLIENT_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO',
    ]) {
      const config = loadConfig({
        KAFKA_REST_SCHEMA_REGISTRY_URL: 'http://sr:8081',
        KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: 'USER_INFO',
        [name]: 'alice:s3:cret',
      });
      expect(config.schemaRegistry?.basicAuth).toEqual({ username: 'alice', password: 's3:cret' });
    }
  });

  it('inherits the Kafka SASL credentials with SASL_INHERIT', () => {
    const config = loadConfig({
      KAFKA_REST_SCHEMA_REGISTRY_URL: 'http://sr:8081',
      KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: 'SASL_INHERIT',
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_REST_CLIENT_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
    });
    expect(config.schemaRegistry?.basicAuth).toEqual({ username: 'u', password: 'p' });
  });

  it('reads PEM trust and key stores, and an empty endpoint algorithm turns hostname checks off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-tls-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    writeFileSync(join(dir, 'client.pem'), 'KEY+CERT');
    const config = loadConfig({
      KAFKA_REST_SCHEMA_REGISTRY_URL: 'https://sr:8081',
      KAFKA_REST_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION: join(dir, 'ca.pem'),
      KAFKA_REST_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_REST_SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION: join(dir, 'client.pem'),
      KAFKA_REST_SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE: 'PEM',
      KAFKA_REST_SCHEMA_REGISTRY_SSL_KEY_PASSWORD: 'pw',
      KAFKA_REST_SCHEMA_REGISTRY_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: '',
    });
    expect(config.schemaRegistry?.tls).toEqual({
      ca: 'CA',
      cert: 'KEY+CERT',
      key: 'KEY+CERT',
      passphrase: 'pw',
      checkHostname: false,
    });
  });

  it('reports bad URLs, credentials, store types and local-registry flags together', () => {
    const load = () =>
      loadConfig({
        KAFKA_REST_SCHEMA_REGISTRY_URL: 'sr:8081',
        KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: 'USER_INFO',
        KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'no-colon',
        KAFKA_REST_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION: '/nope.jks',
        GATEWAY_LOCAL_SCHEMA_REGISTRY: 'yes',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(
        expect.arrayContaining([
          "schema.registry.url: 'sr:8081' is not an http(s) URL",
          'schema.registry.basic.auth.user.info: expected <user>:<password>',
          "schema.registry.ssl.truststore.type: only PEM files are supported (got 'JKS')",
          'cannot read schema registry TLS file /nope.jks',
          expect.stringMatching(/^GATEWAY_LOCAL_SCHEMA_REGISTRY: /) as unknown,
        ]),
      );
    }
  });

  it('asks npm start for a local registry with GATEWAY_LOCAL_SCHEMA_REGISTRY=true', () => {
    expect(loadConfig({ GATEWAY_LOCAL_SCHEMA_REGISTRY: 'true' })).toMatchObject({
      schemaRegistry: null,
      localSchemaRegistry: true,
    });
  });
});
