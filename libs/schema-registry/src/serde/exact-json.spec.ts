import { describe, expect, it } from 'vitest';
import { parseJsonExact, stringifyJsonExact, stringifyJsonMember } from './exact-json';
import { javaDoubleText } from './jackson-doubles';

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

  it('writes an absent value as null, where JSON.stringify gives no text', () => {
    expect(stringifyJsonExact(undefined)).toBe('null');
    expect(stringifyJsonExact([undefined, 1])).toBe('[null,1]');
  });

  it('round-trips parseJsonExact', () => {
    const text = '{"big":-9007199254740993,"list":[18446744073709551615,0.25,"s"]}';
    expect(stringifyJsonExact(parseJsonExact(text))).toBe(text);
  });
});

describe('Jackson number forms', () => {
  it('writes parsed float literals as Java writes doubles, integers as they came', () => {
    const text =
      '{"a":1.0,"b":-0.0,"c":1e21,"d":1.5e-7,"e":1E2,"f":0.001,"g":1234567.5,"h":1.0E7,' +
      '"i":2.5,"j":-0,"k":7,"l":[0.0001,[3.0]],"m":{"n":100.0}}';
    const parsed = parseJsonExact(text);
    // The parsed value is still what JSON.parse returns (numbers), only its writing differs.
    expect(parsed).toEqual(JSON.parse(text));
    expect(stringifyJsonExact(parsed)).toBe(
      '{"a":1.0,"b":-0.0,"c":1.0E21,"d":1.5E-7,"e":100.0,"f":0.001,"g":1234567.5,"h":1.0E7,' +
        '"i":2.5,"j":0,"k":7,"l":[1.0E-4,[3.0]],"m":{"n":100.0}}',
    );
  });

  it('keeps the form of every container the value holds, also next to integers beyond 2^53', () => {
    const parsed = parseJsonExact('{"big":9007199254740993,"x":[1.0,{"y":2.0}]}') as {
      x: unknown[];
    };
    expect(stringifyJsonExact(parsed)).toBe('{"big":9007199254740993,"x":[1.0,{"y":2.0}]}');
    expect(stringifyJsonExact(parsed.x)).toBe('[1.0,{"y":2.0}]');
  });

  it('writes a float member that is not a container through stringifyJsonMember', () => {
    const record = parseJsonExact('{"type":"JSON","data":3.0}') as object;
    expect(stringifyJsonMember(record, 'data')).toBe('3.0');
    expect(stringifyJsonMember(record, 'type')).toBe('"JSON"');
    expect(stringifyJsonMember(parseJsonExact('{"data":3}') as object, 'data')).toBe('3');
  });

  it('reads digits, dots and e inside strings as text, not as float literals', () => {
    const text = '{"s":"1.0 and 2e5","t":"\\"3.0","n":4,"u":true,"v":false}';
    expect(stringifyJsonExact(parseJsonExact(text))).toBe(text);
  });

  it('writes control characters with upper-case hex digits, as Jackson escapes them', () => {
    expect(stringifyJsonExact('a\u001fb\u000bc\n\u0000')).toBe('"a\\u001Fb\\u000Bc\\n\\u0000"');
    // A backslash followed by the letters u001f is no escape.
    expect(stringifyJsonExact('\\u001f')).toBe('"\\\\u001f"');
    expect(stringifyJsonExact('\\\u001f')).toBe('"\\\\\\u001F"');
  });
});

describe('javaDoubleText', () => {
  it("is Java's Double.toString", () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [0.1, '0.1'],
      [100, '100.0'],
      [9999999, '9999999.0'],
      [1e7, '1.0E7'],
      [12345678.9, '1.23456789E7'],
      [0.001, '0.001'],
      [0.00099, '9.9E-4'],
      [-2.5e-10, '-2.5E-10'],
      [Number.MAX_VALUE, '1.7976931348623157E308'],
      [Number.MIN_VALUE, '4.9E-324'],
      [Infinity, '"Infinity"'],
    ];
    for (const [x, text] of cases) {
      expect(javaDoubleText(x)).toBe(text);
    }
  });
});

describe('float literals Java and JavaScript write alike', () => {
  it('are parsed as JSON.parse parses them, with nothing to remember', () => {
    for (const text of ['{"p":12.5,"q":[0.001,9999999.5,-3.25]}', '[1.255e2,2.5E-1]']) {
      expect(stringifyJsonExact(parseJsonExact(text))).toBe(JSON.stringify(JSON.parse(text)));
    }
    for (const x of [12.5, 0.001, 9999999.5, -3.25, 150.5, 0.25]) {
      expect(javaDoubleText(x)).toBe(JSON.stringify(x));
    }
  });
});

describe('nesting depth', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it("refuses JSON nested deeper than Jackson's 1000 levels, in its words", () => {
    expect(() => parseJsonExact(nested(1000))).not.toThrow();
    expect(() => parseJsonExact(nested(1001))).toThrow(
      'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
    );
    // Brackets inside strings do not nest.
    expect(() => parseJsonExact(JSON.stringify({ a: '['.repeat(5000) }))).not.toThrow();
  });
});
