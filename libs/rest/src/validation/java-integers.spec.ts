import { describe, expect, it } from 'vitest';
import { javaInt, javaLong, javaShort } from './java-integers';

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
      expect(schema.safeParse(1.5).success).toBe(false);
    }
  });
});
