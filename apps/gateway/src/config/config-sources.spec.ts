import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envToProperty, propertyToEnv, readConfigSources } from './config-sources';

describe(propertyToEnv.name, () => {
  it('follows the Confluent image convention', () => {
    expect(propertyToEnv('bootstrap.servers')).toBe('KAFKA_REST_BOOTSTRAP_SERVERS');
    expect(propertyToEnv('schema.registry.basic.auth.user_info')).toBe(
      'KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER__INFO',
    );
    expect(propertyToEnv('access.control.allow-origin')).toBe(
      'KAFKA_REST_ACCESS_CONTROL_ALLOW___ORIGIN',
    );
    expect(propertyToEnv('gateway.body.limit.bytes')).toBe('GATEWAY_BODY_LIMIT_BYTES');
  });

  it('is inverted by envToProperty', () => {
    for (const name of [
      'api.v2.enable',
      'client.sasl.jaas.config',
      'basic.auth.user_info',
      'a-b.c_d',
    ]) {
      expect(envToProperty(propertyToEnv(name))).toBe(name);
    }
  });
});

describe(readConfigSources.name, () => {
  const file = join(mkdtempSync(join(tmpdir(), 'props-')), 'kafka-rest.properties');
  writeFileSync(
    file,
    [
      '# Confluent-style file',
      'bootstrap.servers=PLAINTEXT://k:9092',
      'listeners = http://0.0.0.0:8083',
      'client.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\',
      '  username="u" password="p";',
    ].join('\n'),
  );

  it('reads the file given by --config, the first .properties argument or KAFKA_REST_CONFIG_FILE', () => {
    for (const [argv, env] of [
      [['--config', file], {}],
      [[`--config=${file}`], {}],
      [[file], {}],
      [[], { KAFKA_REST_CONFIG_FILE: file }],
    ] as const) {
      const sources = readConfigSources([...argv], { ...env });
      expect(sources.propertiesFile).toBe(file);
      expect(sources.values).toMatchObject({
        KAFKA_REST_BOOTSTRAP_SERVERS: 'PLAINTEXT://k:9092',
        KAFKA_REST_LISTENERS: 'http://0.0.0.0:8083',
        KAFKA_REST_CLIENT_SASL_JAAS_CONFIG:
          'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
      });
    }
  });

  it('lets the environment override the file', () => {
    const sources = readConfigSources(['--config', file], {
      KAFKA_REST_LISTENERS: 'http://1.2.3.4:1',
    });
    expect(sources.values.KAFKA_REST_LISTENERS).toBe('http://1.2.3.4:1');
  });

  it('is only the environment without a file', () => {
    expect(readConfigSources([], { A: '1' })).toEqual({ values: { A: '1' } });
  });
});
