import { describe, expect, it } from 'vitest';
import { javaBoolean, javaInt, javaLong, javaShort } from './java-integers';

describe('Java-width integers', () => {
  it('accepts exactly the range of the Java type', () => {
    const cases: [ReturnType<typeof javaInt>, number, number][] = [
      [javaInt(), -(2 ** 31), 2 ** 31 - 1],
      [javaShort(), -(2 ** 15), 2 ** 15 - 1],
      [javaLong(), -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ];
    for (const [schema, min, max] of cases) {
      expect(schema.safeParse(min).success).toBe(true);
      expect(schema.safeParse(max).success).toBe(true);
      for (const outside of [min - 1, max + 1, 1e300]) {
        const result = schema.safeParse(outside);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0].message).toMatch(/^Numeric value out of (safe )?range of/);
      }
    }
  });

  it("reads what Jackson's default mapper coerces: integer texts, floats truncated", () => {
    expect(javaInt().parse('3')).toBe(3);
    expect(javaInt().parse('-7')).toBe(-7);
    expect(javaInt().parse(' +3 ')).toBe(3);
    expect(javaInt().parse(1.9)).toBe(1);
    expect(javaLong(0).safeParse('-1').success).toBe(false);
    for (const refused of ['three', '1.5', '3 4', '', true, null, [], {}]) {
      expect(javaInt().safeParse(refused).success, JSON.stringify(refused)).toBe(false);
    }
    expect(javaInt().safeParse(String(2 ** 31)).success).toBe(false);
  });

  it('reads booleans as Jackson does: its three spellings of each text, and integers', () => {
    const read = [true, 'TRUE', 'True', ' true ', 'false', 'FALSE', 1, 0];
    expect(read.map((v) => javaBoolean().parse(v))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
    for (const refused of ['yes', 'tRuE', 'fALSE']) {
      expect(javaBoolean().safeParse(refused).success, refused).toBe(false);
    }
  });
});
