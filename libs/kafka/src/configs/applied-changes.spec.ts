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
