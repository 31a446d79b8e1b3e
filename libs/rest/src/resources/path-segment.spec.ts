import { describe, expect, it } from 'vitest';
import { encodePathSegment } from './path-segment';

describe(encodePathSegment.name, () => {
  it('percent-encodes a segment, keeping surrogate pairs', () => {
    expect(encodePathSegment('a b/c')).toBe('a%20b%2Fc');
    expect(encodePathSegment('😀')).toBe('%F0%9F%98%80');
  });

  it('writes a lone surrogate as ? instead of throwing, as Java encodes it', () => {
    expect(encodePathSegment('\ud800')).toBe('%3F');
    expect(encodePathSegment('x\udc00y\ud83d')).toBe('x%3Fy%3F');
  });
});
