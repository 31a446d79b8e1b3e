import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECORDS_OPTIONS, ProduceRateLimitOptions } from '../records.options';
import { ProduceRateLimiter } from './produce-rate-limiter';

describe(ProduceRateLimiter.name, () => {
  let now = 0;
  beforeEach(() => {
    now = 1_000_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function limiter(limits: Partial<ProduceRateLimitOptions>): ProduceRateLimiter {
    const rateLimit = { ...DEFAULT_RECORDS_OPTIONS.rateLimit, enabled: true, ...limits };
    return new ProduceRateLimiter({ ...DEFAULT_RECORDS_OPTIONS, rateLimit });
  }

  const allows = (limits: ProduceRateLimiter, cluster: string, bytes: number): boolean =>
    limits.refusal(cluster, bytes) === undefined;

  describe('refusal', () => {
    it.each([
      [{ maxRequestsGlobalPerSec: 1 }, 429001],
      [{ maxRequestsPerSec: 1 }, 429002],
      [{ maxBytesGlobalPerSec: 1 }, 429003],
      [{ maxBytesPerSec: 1 }, 429004],
    ])("names the limit that refused with kafka-rest's request-log code: %o", (limits, code) => {
      const limited = limiter(limits);
      limited.refusal('c', 1);
      expect(limited.refusal('c', 73)).toBe(code);
    });

    it('lets everything through when disabled', () => {
      const off = new ProduceRateLimiter(DEFAULT_RECORDS_OPTIONS);
      expect([1, 2, 3].map(() => allows(off, 'c', 1e9))).toEqual([true, true, true]);
    });

    it.each([
      ['global', { maxBytesGlobalPerSec: 1 }],
      ['per-cluster', { maxBytesPerSec: 1 }],
    ])('refuses the first record over a %s limit of 1 byte/s', (_, limits) => {
      const limits1 = limiter(limits);
      expect(allows(limits1, 'c', 73)).toBe(false);
      now += 5_000;
      expect(allows(limits1, 'c', 73)).toBe(false);
    });

    it.each([
      ['global', { maxRequestsGlobalPerSec: 1 }],
      ['per-cluster', { maxRequestsPerSec: 1 }],
    ])('lets one record a second through a %s limit of 1 record/s', (_, limits) => {
      const limits1 = limiter(limits);
      expect(allows(limits1, 'c', 73)).toBe(true);
      expect(allows(limits1, 'c', 73)).toBe(false);
      now += 999;
      expect(allows(limits1, 'c', 73)).toBe(false);
      now += 1;
      expect(allows(limits1, 'c', 73)).toBe(true);
    });

    it('starts the first window at the first record, not at construction', () => {
      const limits = limiter({ maxRequestsGlobalPerSec: 2 });
      now += 700;
      expect([1, 2, 3].map(() => allows(limits, 'c', 1))).toEqual([true, true, false]);
      now += 500; // 1.2 s after construction, 0.5 s after the first record
      expect(allows(limits, 'c', 1)).toBe(false);
    });

    it('limits each cluster on its own, and keeps permits of checks that passed', () => {
      const limits = limiter({ maxRequestsPerSec: 1, maxBytesGlobalPerSec: 100 });
      expect(allows(limits, 'a', 40)).toBe(true);
      expect(allows(limits, 'b', 40)).toBe(true);
      // The global bytes pass (80 of 100) but cluster a's count refuses: its 20 bytes stay taken.
      expect(allows(limits, 'a', 20)).toBe(false);
      expect(allows(limits, 'c', 1)).toBe(false);
    });

    it('gives a cluster new limiters after the cache expiry, so its window starts over', () => {
      const limits = limiter({ maxRequestsPerSec: 1, cacheExpiryMs: 1_500 });
      expect(allows(limits, 'a', 1)).toBe(true);
      now += 1_600; // expired: a new limiter, its first window starts here
      expect(allows(limits, 'a', 1)).toBe(true);
      now += 500; // the new limiter's first window still (the old one would be in its third)
      expect(allows(limits, 'a', 1)).toBe(false);
      now += 500;
      expect(allows(limits, 'a', 1)).toBe(true);
    });
  });
});
