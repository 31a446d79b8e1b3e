import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('lets one second of tokens through, then refills at the rate', () => {
    const bucket = new TokenBucket(3, 0);
    expect([1, 2, 3, 4].map(() => bucket.tryTake(1, 0))).toEqual([true, true, true, false]);
    expect(bucket.tryTake(1, 100)).toBe(false);
    expect(bucket.tryTake(1, 334)).toBe(true);
  });

  it('lets a cost above the capacity through when full, leaving a debt', () => {
    const bucket = new TokenBucket(10, 0);
    expect(bucket.tryTake(25, 0)).toBe(true);
    expect(bucket.tryTake(1, 1_000)).toBe(false);
    expect(bucket.tryTake(1, 2_700)).toBe(true);
  });
});
