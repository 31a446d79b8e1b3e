import { describe, expect, it } from 'vitest';
import { parseJsonInto, toTypedData } from './record-format';

const NOT_UTF8 = Buffer.from([0x22, 0x61, 0xff, 0x62, 0x22]); // "a<0xFF>b"
const REPLACEMENT_CHAR = Buffer.from('"a\uFFFDb"', 'utf8'); // valid UTF-8 holding U+FFFD

describe(toTypedData.name, () => {
  it('shows JSON that is not UTF-8 as BINARY, keeping every byte', () => {
    expect(toTypedData(NOT_UTF8, 'json')).toEqual({
      type: 'BINARY',
      data: NOT_UTF8.toString('base64'),
    });
    expect(toTypedData(REPLACEMENT_CHAR, 'json')).toEqual({ type: 'JSON', data: 'a\uFFFDb' });
  });

  it('shows strings as STRING exactly when they are UTF-8, U+FFFD included', () => {
    expect(toTypedData(REPLACEMENT_CHAR, 'string')).toEqual({
      type: 'STRING',
      data: '"a\uFFFDb"',
    });
    expect(toTypedData(NOT_UTF8, 'string')).toEqual({
      type: 'BINARY',
      data: NOT_UTF8.toString('base64'),
    });
    // An encoded surrogate (CESU-8) is not UTF-8 either.
    expect(toTypedData(Buffer.from([0xed, 0xa0, 0x80]), 'string')?.type).toBe('BINARY');
  });

  it('falls back to BINARY for text that is not JSON', () => {
    expect(toTypedData(Buffer.from('{nope'), 'json')?.type).toBe('BINARY');
    expect(toTypedData(null, 'json')).toBeNull();
  });
});

describe(parseJsonInto.name, () => {
  it('refuses bytes that are not UTF-8 (v2 json answers its decode error for them)', () => {
    const holder: Record<string, unknown> = {};
    expect(parseJsonInto(holder, 'value', NOT_UTF8)).toBe(false);
    expect(parseJsonInto(holder, 'value', Buffer.from('{"a":1}'))).toBe(true);
    expect(holder.value).toEqual({ a: 1 });
  });
});
