const ALPHABET = /^[A-Za-z0-9+/]*$/;

/**
 * Standard-alphabet base64 as Guava's BaseEncoding.base64() (kafka-rest's BINARY data) accepts
 * it: every trailing `=` is dropped first, so padding may be missing or too long (`QQ`, `QQ=`,
 * `QQ===` are all "A"); what is left must be whole groups or a last group of 2 or 3 characters.
 * (Header values are Jackson's: jackson-base64.ts.)
 */
export function isGuavaBase64(text: string): boolean {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) {
    end--;
  }
  // A class without groups: linear, no backtracking, on values of many MB.
  const body = text.slice(0, end);
  return ALPHABET.test(body) && body.length % 4 !== 1;
}

const PADDING = 127;
const DECODE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (DECODE[c.charCodeAt(0)] = i));
DECODE['='.charCodeAt(0)] = PADDING;

/**
 * Base64 as JAXB's DatatypeConverter reads it (kafka-rest's v2 binary records): characters
 * outside the alphabet (line breaks of MIME base64) are skipped, padding ends a group.
 * Undefined for a character beyond ASCII, which JAXB cannot index either, and for text whose
 * bytes overflow the buffer JAXB sized from its padding (`aGVsbG8==`: kafka-rest's EntityUtils
 * turns that ArrayIndexOutOfBoundsException into a refused record). Unlike JAXB, which drops an
 * unpadded last group (`dmFsdWU` is "val"), its bytes are kept ("value").
 */
export function decodeBase64Lenient(text: string): Buffer | undefined {
  const out = Buffer.allocUnsafe(Math.ceil(text.length / 4) * 3);
  const jaxbLength = jaxbGuessLength(text);
  const quad = [0, 0, 0, 0];
  let q = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 128) {
      return undefined;
    }
    const v = DECODE[ch];
    if (v !== -1) {
      quad[q++] = v;
    }
    if (q === 4) {
      o = writeGroup(out, o, quad);
      if (o > jaxbLength) {
        return undefined;
      }
      q = 0;
    }
  }
  if (q >= 2) {
    // An unpadded last group of 2 or 3 characters holds 1 or 2 bytes (1 character: none).
    quad.fill(PADDING, q);
    o = writeGroup(out, o, quad);
  }
  return out.subarray(0, o);
}

/**
 * DatatypeConverterImpl.guessLength: the exact size when the text ends in at most two `=` after
 * a base64 character, otherwise an upper bound.
 */
function jaxbGuessLength(text: string): number {
  const upperBound = Math.floor(text.length / 4) * 3;
  let j = text.length - 1;
  while (j >= 0 && DECODE[text.charCodeAt(j)] === PADDING) {
    j--;
  }
  const padding = text.length - 1 - j;
  if (j < 0 || text.charCodeAt(j) >= 128 || DECODE[text.charCodeAt(j)] === -1 || padding > 2) {
    return upperBound;
  }
  return upperBound - padding;
}

/** The bytes of one group of four (padding ends it early); returns the next write offset. */
function writeGroup(out: Buffer, o: number, quad: number[]): number {
  out[o++] = ((quad[0] << 2) | (quad[1] >> 4)) & 0xff;
  if (quad[2] !== PADDING) {
    out[o++] = ((quad[1] << 4) | (quad[2] >> 2)) & 0xff;
  }
  if (quad[3] !== PADDING) {
    out[o++] = ((quad[2] << 6) | quad[3]) & 0xff;
  }
  return o;
}
