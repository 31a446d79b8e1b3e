// A v3 record header's value is a Java byte[], which Jackson's streaming parser decodes from the
// JSON string itself (UTF8StreamJsonParser._decodeBase64, Base64Variants.MIME_NO_LINEFEEDS:
// padding required, whitespace allowed between 4-character units, units may follow padding).
// Its failures are kafka-rest's 400 messages, and the spec quotes one of them.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PADDING = -2;
const INVALID = -1;
const BITS = new Int8Array(128).fill(INVALID);
ALPHABET.split('').forEach((c, i) => (BITS[c.charCodeAt(0)] = i));
BITS['='.charCodeAt(0)] = PADDING;
// The closing quote of the JSON string: where the parser's input for this value ends.
const END = -1;

// Jackson reports a missing padding through the parser (a JsonParseException), which
// ByteDeser turns into a mapping error quoting the string's text left unread: none, here.
const MISSING_PADDING =
  'Cannot deserialize value of type `byte[]` from String "": Unexpected end of base64-encoded ' +
  "String: base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters) at " +
  'the end. This Base64Variant might have been incorrectly configured';

export type JacksonBinary = { bytes: Buffer } | { error: string };

/** The bytes Jackson reads from `text` as a byte[], or its error message. */
export function decodeJacksonBinary(text: string): JacksonBinary {
  // The parser reads the request's UTF-8 bytes, so a non-ASCII character is judged by its
  // first byte (as Jackson prints it).
  const input = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let i = 0;
  const next = (): number => (i < input.length ? input[i++] : END);
  for (;;) {
    let ch: number;
    do {
      ch = next();
    } while (ch !== END && ch <= 0x20);
    if (ch === END) {
      return { bytes: Buffer.from(out) };
    }
    let data = bits(ch, 0);
    if (typeof data === 'string') {
      return { error: data };
    }
    const second = bits(next(), 1);
    if (typeof second === 'string') {
      return { error: second };
    }
    data = (data << 6) | second;
    ch = next();
    if (ch === END) {
      return { error: MISSING_PADDING };
    }
    if (decoded(ch) === PADDING) {
      const fourth = next();
      if (fourth === END || decoded(fourth) !== PADDING) {
        return { error: invalidCharacter(fourth === END ? 0x22 : fourth, 3) };
      }
      out.push(data >> 4);
      continue;
    }
    const third = bits(ch, 2);
    if (typeof third === 'string') {
      return { error: third };
    }
    data = (data << 6) | third;
    ch = next();
    if (ch === END) {
      return { error: MISSING_PADDING };
    }
    if (decoded(ch) === PADDING) {
      out.push((data >> 10) & 0xff, (data >> 2) & 0xff);
      continue;
    }
    const fourth = bits(ch, 3);
    if (typeof fourth === 'string') {
      return { error: fourth };
    }
    data = (data << 6) | fourth;
    out.push((data >> 16) & 0xff, (data >> 8) & 0xff, data & 0xff);
  }
}

function decoded(ch: number): number {
  return ch < 128 ? BITS[ch] : INVALID;
}

/** A character's 6 bits, or Jackson's message for it at this place of its unit. */
function bits(ch: number, index: number): number | string {
  const value = ch === END ? INVALID : decoded(ch);
  return value >= 0 ? value : invalidCharacter(ch === END ? 0x22 : ch, index);
}

// Jackson's ParserBase.reportInvalidBase64Char, for a byte of the input.
function invalidCharacter(ch: number, index: number): string {
  const code = `code 0x${ch.toString(16)}`;
  if (ch <= 0x20) {
    return `Illegal white space character (${code}) as character #${index + 1} of 4-char base64 unit: can only used between units`;
  }
  if (ch === 0x3d) {
    return `Unexpected padding character ('=') as character #${index + 1} of 4-char base64 unit: padding only legal as 3rd or 4th character`;
  }
  if (ch === 0x7f || (ch >= 0x80 && ch <= 0x9f)) {
    return `Illegal character (${code}) in base64 content`;
  }
  return `Illegal character '${String.fromCharCode(ch)}' (${code}) in base64 content`;
}
