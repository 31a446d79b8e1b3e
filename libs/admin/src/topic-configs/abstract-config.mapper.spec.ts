import { ConfigEntry } from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import { describe, expect, it } from 'vitest';
import {
  findConfig,
  requireConfigNames,
  toConfigChanges,
  toConfigFields,
} from './abstract-config.mapper';

const entry: ConfigEntry = {
  name: 'retention.ms',
  value: '1000',
  isDefault: false,
  isReadOnly: false,
  isSensitive: false,
  source: 'DYNAMIC_TOPIC_CONFIG',
  synonyms: [
    { name: 'retention.ms', value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' },
    { name: 'x', value: 'y', source: 'DYNAMIC_CLIENT_METRICS_CONFIG' },
  ],
};

describe(toConfigFields.name, () => {
  it('writes the shared snake_case fields and maps sources kafka-rest lacks to UNKNOWN', () => {
    expect(toConfigFields('c1', entry)).toEqual({
      cluster_id: 'c1',
      name: 'retention.ms',
      value: '1000',
      is_default: false,
      is_read_only: false,
      is_sensitive: false,
      source: 'DYNAMIC_TOPIC_CONFIG',
      synonyms: [
        { name: 'retention.ms', value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' },
        { name: 'x', value: 'y', source: 'UNKNOWN' },
      ],
    });
  });
});

describe(toConfigChanges.name, () => {
  it('treats a missing or null operation as SET and a missing value as null', () => {
    expect(
      toConfigChanges([
        { name: 'a', value: '1' },
        { name: 'b', value: '2', operation: null },
        { name: 'c', operation: 'SET' },
        { name: 'd', value: 'ignored', operation: 'DELETE' },
      ]),
    ).toEqual([
      { operation: 'SET', name: 'a', value: '1' },
      { operation: 'SET', name: 'b', value: '2' },
      { operation: 'SET', name: 'c', value: null },
      { operation: 'DELETE', name: 'd' },
    ]);
  });
});

describe(requireConfigNames.name, () => {
  const resource = { type: 'TOPIC' as const, name: 't', clusterId: 'c1' };

  it('accepts names the resource has', () => {
    expect(() => requireConfigNames([entry], ['retention.ms'], resource)).not.toThrow();
  });

  it("answers kafka-rest's 404 for the first unknown name", () => {
    expect(() => requireConfigNames([entry], ['retention.ms', 'nope', 'other'], resource)).toThrow(
      new RestError('NOT_FOUND', 'Config nope cannot be found for TOPIC t in cluster c1.'),
    );
  });
});

describe(findConfig.name, () => {
  it('finds a config by name or answers the plain 404', () => {
    expect(findConfig([entry], 'retention.ms')).toBe(entry);
    expect(() => findConfig([entry], 'nope')).toThrow(RestError.notFound());
  });
});
