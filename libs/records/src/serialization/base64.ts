// One pass over the characters, no backtracking: a group repeated per 4 characters made V8's
// regex engine overflow its stack on values of a few MB (a 500 instead of a record).
const ALPHABET_THEN_PADDING = /^[A-Za-z0-9+/]*(={0,2})$/;
const ALPHABET = /^[A-Za-z0-9+/]*$/;

/**
 * Standard-alphabet base64, as one of kafka-rest's two decoders accepts it:
 * - `guava` (BaseEncoding.base64(), BINARY data): every trailing `=` is dropped first, so padding
 *   may be missing or too long (`QQ`, `QQ=`, `QQ===` are all "A"); what is left must be whole
 *   groups or a last group of 2 or 3 characters.
 * - `padded` (Jackson's byte[] reader, header values): padding, exactly what completes the last
 *   group, is required.
 */
export function isBase64(text: string, decoder: 'guava' | 'padded'): boolean {
  if (decoder === 'guava') {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) {
      end--;
    }
    const body = text.slice(0, end);
    return ALPHABET.test(body) && body.length % 4 !== 1;
  }
  const match = ALPHABET_THEN_PADDING.exec(text);
  if (match === null) {
    return false;
  }
  const pad = match[1].length;
  const lastGroup = (text.length - pad) % 4;
  return pad > 0 ? pad === 4 - lastGroup : lastGroup === 0;
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
 * Undefined for a character beyond ASCII, which JAXB cannot index either. Unlike JAXB, which
 * drops an unpadded last group (`dmFsdWU` is "val"), its bytes are kept ("value").
 */
export function decodeBase64Lenient(text: string): Buffer | undefined {
  const out = Buffer.allocUnsafe(Math.ceil(text.length / 4) * 3);
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
