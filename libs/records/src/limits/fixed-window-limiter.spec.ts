import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './fixed-window-limiter';

describe(FixedWindowLimiter.name, () => {
  describe('tryAcquire', () => {
    it('lets the limit through in a window, refuses the rest, and starts over in the next', () => {
      const limiter = new FixedWindowLimiter(3, 500);
      expect([1, 2, 3, 4].map(() => limiter.tryAcquire(1, 500))).toEqual([true, true, true, false]);
      expect(limiter.tryAcquire(1, 1_499)).toBe(false);
      expect([1, 2, 3, 4].map(() => limiter.tryAcquire(1, 1_500))).toEqual([
        true,
        true,
        true,
        false,
      ]);
    });

    it('refuses a cost above the limit even in a fresh window (1 byte/s refuses the first record)', () => {
      const limiter = new FixedWindowLimiter(1, 0);
      expect(limiter.tryAcquire(73, 0)).toBe(false);
      expect(limiter.tryAcquire(73, 10_000)).toBe(false);
      expect(limiter.tryAcquire(1, 10_000)).toBe(true);
    });

    it('takes nothing for a refused cost and carries no unused permits over', () => {
      const limiter = new FixedWindowLimiter(10, 0);
      expect(limiter.tryAcquire(6, 0)).toBe(true);
      expect(limiter.tryAcquire(5, 0)).toBe(false);
      expect(limiter.tryAcquire(4, 0)).toBe(true);
      expect(limiter.tryAcquire(11, 5_000)).toBe(false);
      expect(limiter.tryAcquire(10, 5_000)).toBe(true);
    });
  });
});
