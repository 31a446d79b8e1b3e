import { describe, expect, it } from 'vitest';
import { javaInstant, javaInstantMs } from './java-instant';

describe('javaInstantMs', () => {
  it.each([
    ['2024-01-01T00:00:00Z', 1_704_067_200_000],
    ['2024-01-01T01:00:00.123+01:00', 1_704_067_200_123],
    [1_704_067_200.123, 1_704_067_200_123],
    [1_704_067_200, 1_704_067_200_000],
    ['1704067200', 1_704_067_200_000],
    ['1704067200.5', 1_704_067_200_500],
    [1.005, 1_005],
  ])('reads %j as %d ms', (value, ms) => {
    expect(javaInstantMs(value)).toBe(ms);
  });

  it.each([
    'yesterday',
    '2024-13-01T00:00:00Z',
    '2024-01-01',
    true,
    null,
    {},
    Infinity,
    // Beyond a Date (year 275760): no receipt could show it.
    8.64e12 + 1,
    '-8640000000001',
  ])('refuses %j', (value) => {
    expect(javaInstantMs(value)).toBeUndefined();
  });

  it('is a zod field with epoch milliseconds as its value', () => {
    expect(javaInstant().parse('1970-01-01T00:00:01Z')).toBe(1_000);
    expect(javaInstant().safeParse('soon').success).toBe(false);
  });
});
