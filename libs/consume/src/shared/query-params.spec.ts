import { describe, expect, it } from 'vitest';
import { intParam, javaLongParam, timestampParam } from './query-params';

const statusOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { status?: number }).status;
  }
};

describe('intParam', () => {
  it('reads non-negative integers and caps them at the maximum when one is given', () => {
    expect(intParam('max_records', '25')).toBe(25);
    expect(intParam('max_records', '999999999999999999999999', 1_000)).toBe(1_000);
    expect(intParam('offset', undefined)).toBeUndefined();
  });

  it('answers 400 for a value beyond 2^53 (an offset no log reaches), not a 500 later', () => {
    expect(statusOf(() => intParam('offset', '9'.repeat(40)))).toBe(400);
    expect(statusOf(() => intParam('offset', '9007199254740993'))).toBe(400);
    expect(intParam('offset', '9007199254740991')).toBe(9007199254740991);
  });

  it('answers 400 for anything but digits', () => {
    expect(statusOf(() => intParam('offset', '-1'))).toBe(400);
    expect(statusOf(() => intParam('offset', '1e3'))).toBe(400);
  });
});

describe('javaLongParam', () => {
  it('reads signed 64-bit integers, blank as absent, as Jersey converts a long', () => {
    expect(javaLongParam('-1')).toBe(-1);
    expect(javaLongParam('+250')).toBe(250);
    expect(javaLongParam('0')).toBe(0);
    expect(javaLongParam('9223372036854775807')).toBe(2 ** 63);
    expect(javaLongParam(undefined)).toBeUndefined();
    expect(javaLongParam(' ')).toBeUndefined();
  });

  it('answers a plain 404 for what Long.valueOf refuses', () => {
    for (const value of [
      'abc',
      '1.5',
      '1e3',
      ' 5',
      '9223372036854775808',
      '-9223372036854775809',
    ]) {
      expect(
        statusOf(() => javaLongParam(value)),
        value,
      ).toBe(404);
    }
  });
});

describe('timestampParam', () => {
  it('reads milliseconds and ISO-8601 date-times', () => {
    expect(timestampParam('timestamp', '1700000000000')).toBe(1_700_000_000_000);
    expect(timestampParam('timestamp', '2021-02-05T19:14:42Z')).toBe(
      Date.parse('2021-02-05T19:14:42Z'),
    );
  });

  it('reads offsets, fractions and lower-case separators as RFC 3339 allows', () => {
    expect(timestampParam('timestamp', '2021-02-05T20:14:42.5+01:00')).toBe(
      Date.parse('2021-02-05T19:14:42.500Z'),
    );
    expect(timestampParam('timestamp', '2021-02-05t19:14z')).toBe(Date.parse('2021-02-05T19:14Z'));
  });

  it('answers 400 beyond the latest representable instant and for other text', () => {
    expect(statusOf(() => timestampParam('timestamp', '9'.repeat(23)))).toBe(400);
    // Date.parse takes all of these as dates in 2001 or so.
    for (const text of [
      'yesterday',
      'May 1',
      '-5',
      '1.5',
      '5 ',
      '2021-02-05',
      '2021-02-05T19:14',
    ]) {
      expect(
        statusOf(() => timestampParam('timestamp', text)),
        text,
      ).toBe(400);
    }
  });

  it('reads an instant before 1970 as 0, the first record (negative ones are Kafka sentinels)', () => {
    expect(timestampParam('timestamp', '1969-12-31T23:59:59.999Z')).toBe(0);
    expect(timestampParam('timestamp', '1960-01-01T00:00:00Z')).toBe(0);
    expect(timestampParam('timestamp', '-000001-01-01T00:00:00Z')).toBe(0);
  });
});
