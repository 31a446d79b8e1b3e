import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadinessChecks } from './readiness-checks';

describe(ReadinessChecks.name, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a check that does not answer within 5 s as DOWN, and does not start it again meanwhile', async () => {
    vi.useFakeTimers();
    const checks = new ReadinessChecks();
    const hung = vi.fn(() => new Promise<void>(() => undefined));
    checks.register('kafka', hung);
    checks.register('registry', () => Promise.resolve());
    const first = checks.run();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await first).toEqual({
      ready: false,
      checks: { kafka: 'DOWN: no answer within 5000 ms', registry: 'UP' },
    });
    const second = checks.run();
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await second).ready).toBe(false);
    expect(hung).toHaveBeenCalledTimes(1);
  });

  it('reports UP and DOWN as the checks answer', async () => {
    const checks = new ReadinessChecks();
    checks.register('kafka', () => Promise.reject(new Error('Connection refused')));
    expect(await checks.run()).toEqual({
      ready: false,
      checks: { kafka: 'DOWN: Connection refused' },
    });
  });
});
