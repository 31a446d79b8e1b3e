import { describe, expect, it } from 'vitest';
import { costOf } from './admin-rate-limit.hook';
import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('allows a second of permits at once, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(4, () => now);
    for (let i = 0; i < 4; i++) {
      expect(bucket.waitMs(1)).toBe(0);
      bucket.take(1);
    }
    expect(bucket.waitMs(1)).toBe(250);
    now += 250;
    expect(bucket.waitMs(1)).toBe(0);
    expect(bucket.waitMs(2)).toBe(250);
  });

  it('caps a cost above the rate at one second of permits, so it is never starved', () => {
    let now = 0;
    const bucket = new TokenBucket(2, () => now);
    expect(bucket.waitMs(5)).toBe(0);
    bucket.take(5);
    expect(bucket.waitMs(5)).toBe(1000);
    now += 1000;
    expect(bucket.idle).toBe(true);
  });
});

describe(costOf.name, () => {
  const options = {
    defaultCost: 1,
    costs: { 'api.v3.clusters.*': 0, 'api.v3.brokers.list': 2, 'api.v3.*': 5 },
  };

  it('prefers the method entry, then the longest class entry, then the default', () => {
    expect(costOf('api.v3.brokers.list', options)).toBe(2);
    expect(costOf('api.v3.clusters.get', options)).toBe(0);
    expect(costOf('api.v3.topics.list', options)).toBe(5);
    expect(costOf('api.v2.topics.list', options)).toBe(1);
  });
});
