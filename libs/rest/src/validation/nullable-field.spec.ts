import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nullableField } from './nullable-field';

describe('nullableField', () => {
  const body = z.object({ count: nullableField(z.number()) }).strict();

  it('reads null and a missing field alike, as absent', () => {
    expect(body.parse({ count: null })).toEqual({ count: undefined });
    expect(body.parse({})).toEqual({});
  });

  it('still checks a value that is there', () => {
    expect(body.parse({ count: 3 })).toEqual({ count: 3 });
    expect(body.safeParse({ count: 'three' }).success).toBe(false);
  });
});
