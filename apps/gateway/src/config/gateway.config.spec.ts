import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './gateway.config';

describe(loadConfig.name, () => {
  it('applies the defaults when nothing is set', () => {
    // Data-plane settings (producer, records, ...) have their own specs.
    expect(loadConfig({})).toMatchObject({
      listen: { host: '0.0.0.0', port: 8082 },
      links: { advertisedUrls: [], hostName: '', listenerUrls: ['http://0.0.0.0:8082'] },
      bootstrapServers: null,
      kafka: {
        clientId: 'kafka-http-gateway',
        connectionTimeoutMs: 3000,
        requestTimeoutMs: 30000,
        security: {},
      },
      crnAuthority: '',
      bodyLimitBytes: 16 * 1024 * 1024,
      localBrokers: 1,
      logLevel: 'info',
      http: {
        cors: null,
        responseHeaders: [],
        endpoints: { allowlist: [], blocklist: [], v2Enabled: true, v3Enabled: true },
      },
      shutdownGraceMs: 5000,
      metrics: { lagRefreshMs: 30000 },
      unsupportedSettings: [],
    });
  });

  it("accepts Confluent's KAFKA_REST_BOOTSTRAP_SERVERS with listener schemes", () => {
    const config = loadConfig({ KAFKA_REST_BOOTSTRAP_SERVERS: 'PLAINTEXT://k1:9092, k2:9093' });
    expect(config.bootstrapServers).toEqual(['k1:9092', 'k2:9093']);
  });

  it('prefers KAFKA_BOOTSTRAP_SERVERS over the Confluent name', () => {
    const config = loadConfig({
      KAFKA_BOOTSTRAP_SERVERS: 'a:1',
      KAFKA_REST_BOOTSTRAP_SERVERS: 'b:2',
    });
    expect(config.bootstrapServers).toEqual(['a:1']);
  });

  it('reads the listen address from KAFKA_REST_LISTENERS', () => {
    expect(loadConfig({ KAFKA_REST_LISTENERS: 'http://127.0.0.1:9999' }).listen).toEqual({
      host: '127.0.0.1',
      port: 9999,
    });
  });

  it('reads booleans in any case, spaces around ignored, as Kafka does, and refuses the rest', () => {
    const enabled = (value: string) =>
      loadConfig({ KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: value }).records.rateLimit.enabled;
    expect(['true', 'tRuE', ' TRUE '].map(enabled)).toEqual([true, true, true]);
    expect(['false', 'fAlSe '].map(enabled)).toEqual([false, false]);
    expect(() => enabled('maybe')).toThrow(ConfigError);
    expect(loadConfig({ GATEWAY_LOCAL_SCHEMA_REGISTRY: 'tRUE' }).localSchemaRegistry).toBe(true);
  });

  it('reports every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        KAFKA_REST_LISTENERS: 'not a url',
        GATEWAY_BODY_LIMIT_BYTES: '-5',
        GATEWAY_LOCAL_BROKERS: '2',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/KAFKA_REST_LISTENERS/);
    expect(problems.join('\n')).toMatch(/GATEWAY_BODY_LIMIT_BYTES/);
    expect(problems.join('\n')).toMatch(/GATEWAY_LOCAL_BROKERS/);
  });

  it('names unsupported KAFKA_REST_* and GATEWAY_* settings as written in properties files', () => {
    const config = loadConfig({
      KAFKA_REST_HOST_NAMES: 'h',
      KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER__INFO: 'u:p',
      GATEWAY_NO_SUCH_THING: '1',
      KAFKA_REST_LISTENERS: 'http://0.0.0.0:1',
      PATH: '/bin',
    });
    expect(config.unsupportedSettings).toEqual([
      'GATEWAY_NO_SUCH_THING',
      'host.names',
      'schema.registry.basic.auth.user_info',
    ]);
  });

  it('maps client.* SASL settings to the Kafka connection', () => {
    const config = loadConfig({
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_REST_CLIENT_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="gw" password="s3cret";',
    });
    expect(config.kafka.security).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'gw', password: 's3cret' },
    });
  });

  it('maps client.* OAUTHBEARER settings (KIP-768 token endpoint, client id and secret)', () => {
    const config = loadConfig({
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'OAUTHBEARER',
      KAFKA_REST_CLIENT_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: 'https://idp.example/token',
      KAFKA_REST_CLIENT_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="gw" clientSecret="x" scope="kafka";',
    });
    expect(config.kafka.security.oauthBearer).toEqual({
      tokenEndpointUrl: 'https://idp.example/token',
      clientId: 'gw',
      clientSecret: 'x',
      scope: 'kafka',
    });
    expect(config.kafka.security.sasl).toBeUndefined();
    expect(config.unsupportedSettings).toEqual([]);
  });

  it('starts with unusable Kafka security settings and keeps the reason for every Kafka call', () => {
    const settings = {
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_REST_CLIENT_SASL_MECHANISM: 'GSSAPI',
      KAFKA_REST_CLIENT_SSL_TRUSTSTORE_LOCATION: '/no/such/truststore.jks',
    };
    expect(loadConfig(settings).kafka.security).toEqual({
      invalid: expect.stringMatching(
        /^Invalid Kafka client configuration: .*truststore.type: only PEM.*GSSAPI/,
      ) as string,
    });
    // Other problems still stop the start; the Kafka ones are not among them.
    expect(() => loadConfig({ ...settings, GATEWAY_BODY_LIMIT_BYTES: 'lots' })).toThrow(
      /^Invalid configuration:\n {2}- GATEWAY_BODY_LIMIT_BYTES[^\n]*$/,
    );
  });
});
