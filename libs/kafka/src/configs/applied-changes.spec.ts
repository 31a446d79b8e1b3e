import { describe, expect, it } from 'vitest';
import { changesVisible } from './applied-changes';
import { ConfigEntry } from './configs.types';

function entry(value: string | null, synonyms: ConfigEntry['synonyms']): ConfigEntry {
  return {
    name: 'max.connections',
    value,
    isDefault: false,
    isReadOnly: false,
    isSensitive: value === null,
    source: synonyms[0]?.source ?? 'DEFAULT_CONFIG',
    synonyms,
  };
}

const broker = { type: 'BROKER', brokerId: 1 } as const;
const defaults = { type: 'BROKER_DEFAULTS' } as const;

describe(changesVisible.name, () => {
  it('sees a SET once its level holds the new value', () => {
    const set = [{ operation: 'SET', name: 'max.connections', value: '1000' }] as const;
    const stale = entry('2147483647', [
      { name: 'max.connections', value: '2147483647', source: 'DEFAULT_CONFIG' },
    ]);
    const fresh = entry('1000', [
      { name: 'max.connections', value: '1000', source: 'DYNAMIC_BROKER_CONFIG' },
      { name: 'max.connections', value: '2147483647', source: 'DEFAULT_CONFIG' },
    ]);
    expect(changesVisible(broker, [stale], [...set])).toBe(false);
    expect(changesVisible(broker, [fresh], [...set])).toBe(true);
    // The cluster-wide default is its own level, under a per-broker value.
    expect(changesVisible(defaults, [fresh], [...set])).toBe(false);
  });

  it('sees a value as Kafka stores it: trimmed, numbers and lists in their plain form', () => {
    const topic = { type: 'TOPIC', topicName: 't' } as const;
    const stored = (name: string, value: string): ConfigEntry => ({
      ...entry(value, [{ name, value, source: 'DYNAMIC_TOPIC_CONFIG' }]),
      name,
    });
    const cases: [string, string, string][] = [
      ['retention.ms', '100', '+100'],
      ['retention.ms', '100', '0100'],
      ['retention.ms', '100', ' 100 '],
      ['min.cleanable.dirty.ratio', '1.0', '1'],
      ['cleanup.policy', 'compact,delete', 'compact, delete'],
      ['preallocate', 'true', 'TRUE'],
    ];
    for (const [name, shown, asked] of cases) {
      const change = [{ operation: 'SET', name, value: asked }] as const;
      expect(changesVisible(topic, [stored(name, shown)], [...change]), asked).toBe(true);
    }
    const other = [{ operation: 'SET', name: 'retention.ms', value: '200' }] as const;
    expect(changesVisible(topic, [stored('retention.ms', '100')], [...other])).toBe(false);
  });

  it('sees a DELETE once its level is gone, and a hidden value by its level alone', () => {
    const del = [{ operation: 'DELETE', name: 'max.connections' }] as const;
    const overridden = entry('1000', [
      { name: 'max.connections', value: '1000', source: 'DYNAMIC_BROKER_CONFIG' },
    ]);
    const reset = entry('2147483647', [
      { name: 'max.connections', value: '2147483647', source: 'DEFAULT_CONFIG' },
    ]);
    expect(changesVisible(broker, [overridden], [...del])).toBe(false);
    expect(changesVisible(broker, [reset], [...del])).toBe(true);
    const hidden = entry(null, [
      { name: 'max.connections', value: null, source: 'DYNAMIC_BROKER_CONFIG' },
    ]);
    expect(
      changesVisible(broker, [hidden], [{ operation: 'SET', name: 'max.connections', value: 'x' }]),
    ).toBe(true);
  });
});
