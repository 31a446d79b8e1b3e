import { describe, expect, it } from 'vitest';
import { isBase64 } from './base64';

describe('isBase64', () => {
  it.each(['', 'QQ==', 'QUI=', 'QUJD', 'QUJDRA==', 'a+/9'])('accepts %j either way', (text) => {
    expect(isBase64(text, 'optional')).toBe(true);
    expect(isBase64(text, 'required')).toBe(true);
  });

  it('accepts a last group without padding only when padding is optional', () => {
    for (const text of ['QQ', 'QUI', 'QUJDRA']) {
      expect(isBase64(text, 'optional')).toBe(true);
      expect(isBase64(text, 'required')).toBe(false);
    }
  });

  it.each(['Q', 'QUJDR', 'QQ=', 'QUI==', 'QUJD=', '=', 'QQ==QQ==', 'QU-D', 'QU D'])(
    'refuses %j',
    (text) => {
      expect(isBase64(text, 'optional')).toBe(false);
      expect(isBase64(text, 'required')).toBe(false);
    },
  );

  it('checks values of tens of MB without overflowing the stack', () => {
    const large = 'QUJD'.repeat(8_000_000);
    expect(isBase64(large + 'QQ==', 'required')).toBe(true);
    expect(isBase64(large + 'Q', 'optional')).toBe(false);
  });
});
