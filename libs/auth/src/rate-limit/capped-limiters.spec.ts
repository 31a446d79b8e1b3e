import { describe, expect, it } from 'vitest';
import { CappedLimiters } from './capped-limiters';

describe('CappedLimiters', () => {
  it('keeps one limiter per key', () => {
    const limiters = new CappedLimiters(
      10,
      () => ({ idle: false }),
      (l) => l.idle,
    );
    expect(limiters.of('a')).toBe(limiters.of('a'));
    expect(limiters.of('a')).not.toBe(limiters.of('b'));
  });

  it('when full, forgets the idle limiters first, then the oldest', () => {
    const limiters = new CappedLimiters(
      2,
      () => ({ idle: false }),
      (l) => l.idle,
    );
    const a = limiters.of('a');
    limiters.of('b').idle = true;
    limiters.of('c');
    expect(limiters.size).toBe(2);
    expect(limiters.of('a')).toBe(a);
    // Nothing idle now: the oldest (a) makes room.
    limiters.of('d');
    expect(limiters.of('a')).not.toBe(a);
  });
});
