import { describe, expect, it } from 'vitest';
import { decodeJacksonBinary } from './jackson-base64';

const bytes = (text: string) => {
  const result = decodeJacksonBinary(text);
  return 'bytes' in result ? result.bytes.toString('latin1') : undefined;
};
const error = (text: string) => {
  const result = decodeJacksonBinary(text);
  return 'error' in result ? result.error : undefined;
};

describe(decodeJacksonBinary.name, () => {
  it('reads padded units, whitespace between them, and units after padding', () => {
    expect(bytes('')).toBe('');
    expect(bytes('QUJD')).toBe('ABC');
    expect(bytes('QQ==')).toBe('A');
    expect(bytes('QUI=')).toBe('AB');
    expect(bytes(' QUJD\tQUJD ')).toBe('ABCABC');
    expect(bytes('QQ==QQ==')).toBe('AA');
  });

  it('answers a missing padding as the spec example words it (the unread text is empty)', () => {
    const missing =
      'Cannot deserialize value of type `byte[]` from String "": Unexpected end of base64-encoded ' +
      "String: base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters) " +
      'at the end. This Base64Variant might have been incorrectly configured';
    expect(error('YQ')).toBe(missing);
    expect(error('QUI')).toBe(missing);
    expect(error('QUJDYQ')).toBe(missing);
  });

  it("answers other characters with Jackson's own message, per place in the unit", () => {
    expect(error('Q')).toBe(`Illegal character '"' (code 0x22) in base64 content`);
    expect(error('QQ=')).toBe(`Illegal character '"' (code 0x22) in base64 content`);
    expect(error('QQ=a')).toBe(`Illegal character 'a' (code 0x61) in base64 content`);
    expect(error('%%%%')).toBe(`Illegal character '%' (code 0x25) in base64 content`);
    expect(error('=QQ=')).toBe(
      "Unexpected padding character ('=') as character #1 of 4-char base64 unit: padding only legal as 3rd or 4th character",
    );
    expect(error('Q QQ')).toBe(
      'Illegal white space character (code 0x20) as character #2 of 4-char base64 unit: can only used between units',
    );
    expect(error('QQ\u007fQ')).toBe('Illegal character (code 0x7f) in base64 content');
    // The parser reads UTF-8 bytes: é is judged by its first byte, 0xc3.
    expect(error('QQé=')).toBe(`Illegal character 'Ã' (code 0xc3) in base64 content`);
  });
});
