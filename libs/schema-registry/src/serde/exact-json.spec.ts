import { describe, expect, it } from 'vitest';
import { parseJsonExact, stringifyJsonExact } from './exact-json';

describe('parseJsonExact', () => {
  it('returns what JSON.parse returns when every integer fits a double', () => {
    const text = '{"a":9007199254740991,"b":-9007199254740991,"c":[1.5,"12345678901234567890"]}';
    expect(parseJsonExact(text)).toEqual(JSON.parse(text));
  });

  it('keeps every digit of integers beyond 2^53 as BigInts, other numbers as numbers', () => {
    expect(
      parseJsonExact(
        '{"n":9007199254740993,"max":9223372036854775807,"min":-9223372036854775808,' +
          '"huge":123456789012345678901234567890,"small":7,"f":0.1,"e":1e300}',
      ),
    ).toEqual({
      n: 9007199254740993n,
      max: 9223372036854775807n,
      min: -9223372036854775808n,
      huge: 123456789012345678901234567890n,
      small: 7,
      f: 0.1,
      e: 1e300,
    });
    expect(parseJsonExact('[9007199254740993]')).toEqual([9007199254740993n]);
    expect(parseJsonExact('9007199254740993')).toBe(9007199254740993n);
  });

  it('keeps the last value of a repeated key and "__proto__" as a plain key, as JSON.parse', () => {
    const parsed = parseJsonExact('{"a":1,"a":9007199254740993,"__proto__":{"x":1}}') as object;
    expect(Object.keys(parsed)).toEqual(['a', '__proto__']);
    expect((parsed as Record<string, unknown>).a).toBe(9007199254740993n);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ x: 1 });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("throws JSON.parse's error for malformed JSON", () => {
    for (const text of ['{"a":', '{"a":9007199254740993,}', 'nul']) {
      let expected: unknown;
      try {
        JSON.parse(text);
      } catch (error) {
        expected = error;
      }
      expect(() => parseJsonExact(text)).toThrow(expected as Error);
    }
  });
});

describe('stringifyJsonExact', () => {
  it('writes BigInts as their digits and everything else as JSON.stringify', () => {
    const value = { n: 9007199254740993n, m: [-9223372036854775808n, 1, 'é\u2028', null] };
    expect(stringifyJsonExact(value)).toBe(
      '{"n":9007199254740993,"m":[-9223372036854775808,1,"é\u2028",null]}',
    );
    const plain = { a: [1, 2.5, 'x'], b: { c: true, d: undefined }, e: NaN };
    expect(stringifyJsonExact(plain)).toBe(JSON.stringify(plain));
  });

  it('round-trips parseJsonExact', () => {
    const text = '{"big":-9007199254740993,"list":[18446744073709551615,0.25,"s"]}';
    expect(stringifyJsonExact(parseJsonExact(text))).toBe(text);
  });
});
