import { describe, expect, it } from 'vitest';
import { RateTracker } from './rate-tracker';

describe('RateTracker', () => {
  it('lets `limit` requests through in any second, then refuses, refused ones counting', () => {
    const tracker = new RateTracker(2);
    expect([0, 10, 20, 30].map((t) => tracker.hit(t))).toEqual([false, false, true, true]);
    // Free again a second after the hits two before (refused ones too), not earlier.
    expect(tracker.hit(1019)).toBe(true);
    expect(tracker.hit(1031)).toBe(false);
  });

  it('is idle once nothing came for the idle time (at least a second)', () => {
    const tracker = new RateTracker(1);
    tracker.hit(5_000);
    expect(tracker.idleSince(5_500, 100)).toBe(false);
    expect(tracker.idleSince(6_000, 100)).toBe(true);
  });
});
