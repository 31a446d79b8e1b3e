import { describe, expect, it } from 'vitest';
import { decodeBase64Lenient, isGuavaBase64 } from './base64';

describe(isGuavaBase64.name, () => {
  it.each(['', 'QQ==', 'QUI=', 'QUJD', 'QUJDRA==', 'a+/9'])('accepts %j', (text) => {
    expect(isGuavaBase64(text)).toBe(true);
  });

  it("takes missing or extra trailing padding (Guava drops every trailing '=')", () => {
    for (const text of ['QQ', 'QUI', 'QUJDRA', 'QQ=', 'QQ===', 'QUI==', 'QUJD=', '=']) {
      expect(isGuavaBase64(text), text).toBe(true);
    }
  });

  it.each(['Q', 'QUJDR', 'Q=', 'QQ==QQ==', 'QU-D', 'QU D', 'QQ=a'])('refuses %j', (text) => {
    expect(isGuavaBase64(text)).toBe(false);
  });

  it('checks values of tens of MB without overflowing the stack', () => {
    const large = 'QUJD'.repeat(8_000_000);
    expect(isGuavaBase64(large + 'QQ==')).toBe(true);
    expect(isGuavaBase64(large + 'Q')).toBe(false);
    expect(isGuavaBase64(large + 'QQ' + '='.repeat(1000))).toBe(true);
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

  it('refuses text whose bytes overflow the size JAXB guessed from its padding, as kafka-rest', () => {
    // Two '=' after "aGVsbG8" promise 9/4*3 - 2 = 4 bytes; "hello" is 5.
    expect(decodeBase64Lenient('aGVsbG8==')).toBeUndefined();
    expect(decoded('aGVsbG8=')).toBe('hello');
    // Three '=' or a trailing character outside the alphabet: JAXB sizes for the worst case.
    expect(decoded('QQ===')).toBe('A');
    expect(decoded('aGVsbG8==\n')).toBe('hello');
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
