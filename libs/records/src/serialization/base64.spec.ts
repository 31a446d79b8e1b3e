import { describe, expect, it } from 'vitest';
import { decodeBase64Lenient, isBase64 } from './base64';

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

describe('decodeBase64Lenient', () => {
  const decoded = (text: string) => decodeBase64Lenient(text)?.toString('latin1');

  it('skips what is not base64, as JAXB: MIME line breaks, spaces', () => {
    expect(decoded('dmFs\r\ndWU=')).toBe('value');
    expect(decoded(' dmFs dWU= ')).toBe('value');
    expect(decoded('d-m_F.s*dWU=')).toBe('value');
  });

  it('decodes padded groups one by one, also padding in the middle', () => {
    expect(decoded('QQ==QQ==')).toBe('AA');
    expect(decoded('')).toBe('');
  });

  it('keeps the bytes of an unpadded last group, and drops a lone last character', () => {
    expect(decoded('dmFsdWU')).toBe('value');
    expect(decoded('QUJDRA')).toBe('ABCD');
    expect(decoded('QUJDR')).toBe('ABC');
    // A short last group with its padding cut: the padding ends it, as in a whole group.
    expect(decoded('QQ=')).toBe('A');
  });

  it('refuses characters beyond ASCII', () => {
    expect(decodeBase64Lenient('QUJD\u00e9')).toBeUndefined();
  });

  it('agrees with Node on standard base64', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (let n = 0; n <= 256; n += 37) {
      const text = bytes.subarray(0, n).toString('base64');
      expect(decodeBase64Lenient(text)).toEqual(bytes.subarray(0, n));
    }
  });
});
