import { describe, expect, it } from 'vitest';
import { ThrottlePasses } from './throttle-passes';

describe('ThrottlePasses', () => {
  it('hands passes out, then to waiters in order as they come back', async () => {
    const passes = new ThrottlePasses(1);
    expect(await passes.acquire(1_000)).toBe(true);
    const second = passes.acquire(1_000);
    const third = passes.acquire(1_000);
    passes.release();
    expect(await second).toBe(true);
    passes.release();
    expect(await third).toBe(true);
  });

  it('gives up on a waiter at its deadline, and the pass goes to the next', async () => {
    const passes = new ThrottlePasses(1);
    await passes.acquire(1_000);
    expect(await passes.acquire(20)).toBe(false);
    const later = passes.acquire(1_000);
    passes.release();
    expect(await later).toBe(true);
  });
});
