import { describe, expect, it } from 'vitest';
import { newOffset, ResetInput, ResetNotApplicable } from './offset-reset.plan';

const input: ResetInput = { topic: 't', partition: 0, earliest: 10, latest: 50, current: 30 };

describe(newOffset.name, () => {
  it('moves to the low or high watermark', () => {
    expect(newOffset(input, { strategy: 'EARLIEST' })).toBe(10);
    expect(newOffset(input, { strategy: 'LATEST' })).toBe(50);
  });

  it('clamps an explicit offset into the log, as kafka-consumer-groups.sh does', () => {
    expect(newOffset(input, { strategy: 'TO_OFFSET', offset: 20 })).toBe(20);
    expect(newOffset(input, { strategy: 'TO_OFFSET', offset: 3 })).toBe(10);
    expect(newOffset(input, { strategy: 'TO_OFFSET', offset: 99 })).toBe(50);
  });

  it('shifts from the committed offset, clamped', () => {
    expect(newOffset(input, { strategy: 'SHIFT_BY', shift: -5 })).toBe(25);
    expect(newOffset(input, { strategy: 'SHIFT_BY', shift: -100 })).toBe(10);
    expect(newOffset(input, { strategy: 'SHIFT_BY', shift: 100 })).toBe(50);
  });

  it('refuses to shift a partition without a committed offset', () => {
    expect(() =>
      newOffset({ ...input, current: null }, { strategy: 'SHIFT_BY', shift: 1 }),
    ).toThrow(ResetNotApplicable);
  });

  it('uses the offset found for a timestamp, or the end of the log when there is none', () => {
    expect(newOffset({ ...input, atTimestamp: 42 }, { strategy: 'TO_TIMESTAMP' })).toBe(42);
    expect(newOffset({ ...input, atTimestamp: null }, { strategy: 'TO_TIMESTAMP' })).toBe(50);
  });
});
