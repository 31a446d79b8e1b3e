import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './gateway.config';

describe(loadConfig.name, () => {
  it('applies the defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      listen: { host: '0.0.0.0', port: 8082 },
      advertisedUrls: [],
      bootstrapServers: null,
      kafka: { clientId: 'kafka-http-gateway', connectionTimeoutMs: 3000, requestTimeoutMs: 30000 },
      crnAuthority: '',
      bodyLimitBytes: 16 * 1024 * 1024,
      localBrokers: 1,
      logLevel: 'info',
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
});
