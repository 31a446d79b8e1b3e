/** JSON's four whitespace bytes: space, tab, line feed, carriage return. */
export function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The bytes of a body's JSON value: without the whitespace around it (Jackson's record size). */
export function jsonValueBytes(body: Buffer): number {
  let start = 0;
  let end = body.length;
  while (start < end && isJsonWhitespace(body[start])) {
    start++;
  }
  while (end > start && isJsonWhitespace(body[end - 1])) {
    end--;
  }
  return end - start;
}
