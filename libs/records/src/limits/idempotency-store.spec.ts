import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECORDS_OPTIONS } from '../records.options';
import { IdempotencyStore } from './idempotency-store';

describe(IdempotencyStore.name, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('replays the first result for the same key and body, refuses another body', async () => {
    const store = new IdempotencyStore({
      ...DEFAULT_RECORDS_OPTIONS,
      idempotencyKeyWindowMs: 1_000,
    });
    const first = store.claim<string>('s', 'k', 'body-1');
    expect(first.kind).toBe('new');
    const pending = store.claim<string>('s', 'k', 'body-1');
    if (first.kind === 'new') {
      first.complete(Promise.resolve('receipts'));
    }
    expect(pending.kind).toBe('replay');
    await expect((pending as { result: Promise<string> }).result).resolves.toBe('receipts');
    expect(store.claim('s', 'k', 'body-2').kind).toBe('mismatch');
    expect(store.claim('other-scope', 'k', 'body-2').kind).toBe('new');
  });

  it('forgets a key after the window and after a failed request', async () => {
    vi.useFakeTimers();
    const store = new IdempotencyStore({
      ...DEFAULT_RECORDS_OPTIONS,
      idempotencyKeyWindowMs: 1_000,
    });
    const claim = store.claim<string>('s', 'k', 'b');
    if (claim.kind === 'new') {
      claim.complete(Promise.resolve('r'));
    }
    vi.advanceTimersByTime(1_001);
    expect(store.claim('s', 'k', 'b').kind).toBe('new');
    const failing = store.claim<string>('s', 'f', 'b');
    if (failing.kind === 'new') {
      const result = Promise.reject(new Error('empty'));
      result.catch(() => undefined);
      failing.complete(result);
    }
    await vi.runAllTimersAsync();
    expect(store.claim('s', 'f', 'b').kind).toBe('new');
  });
});
