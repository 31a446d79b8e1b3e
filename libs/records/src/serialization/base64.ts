// One pass over the characters, no backtracking: a group repeated per 4 characters made V8's
// regex engine overflow its stack on values of a few MB (a 500 instead of a record).
const ALPHABET_THEN_PADDING = /^[A-Za-z0-9+/]*(={0,2})$/;

/**
 * Standard-alphabet base64 as Guava's decoder (kafka-rest's) accepts it: padding, when there,
 * completes the last group; `optional` padding also accepts a last group without it.
 */
export function isBase64(text: string, padding: 'optional' | 'required'): boolean {
  const match = ALPHABET_THEN_PADDING.exec(text);
  if (match === null) {
    return false;
  }
  const pad = match[1].length;
  const lastGroup = (text.length - pad) % 4;
  if (pad > 0) {
    return pad === 4 - lastGroup;
  }
  return padding === 'optional' ? lastGroup !== 1 : lastGroup === 0;
}
