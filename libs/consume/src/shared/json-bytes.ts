const BASE64 = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 0x3d; // '='
/**
 * Above this many bytes Node's native encoder, string and copy included, beats the loop below
 * (measured: about even at 200 bytes, 2.5x faster at 1 KB); below it the call costs more.
 */
const NATIVE_BASE64_FROM = 256;

/** A JSON piece known to be ASCII, encoded once (for JsonBytes#bytes). */
export function asciiPiece(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/**
 * Buffer's own encoders, which Buffer#write dispatches to after checking its arguments; called
 * directly they save that per piece (several pieces per record). Capacity is ensured first.
 */
type Encoders = Buffer & {
  latin1Write(text: string, offset: number): number;
  utf8Write(text: string, offset: number): number;
};

/**
 * Builds a response body as bytes: record pages and streams are tens of thousands of records,
 * and building them as strings cost a rope per record, a flattening, a length count and a
 * UTF-8 encoding at the socket; here each piece is copied once, base64 straight from the
 * record's bytes (no string per key and value).
 */
export class JsonBytes {
  private buffer: Encoders;
  private length = 0;

  constructor(capacity = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(capacity) as Encoders;
  }

  /** Text known to be ASCII (JSON punctuation, field names, numbers, base64, our ids). */
  ascii(text: string): this {
    this.ensure(text.length);
    this.length += this.buffer.latin1Write(text, this.length);
    return this;
  }

  /** Any text (e.g. already serialized JSON), UTF-8 encoded. */
  text(text: string): this {
    this.ensure(text.length * 3);
    this.length += this.buffer.utf8Write(text, this.length);
    return this;
  }

  /** Bytes already encoded (pre-encoded JSON pieces). */
  bytes(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** A non-negative safe integer in decimal, without a string for it. */
  int(n: number): this {
    if (n < 0 || !Number.isSafeInteger(n)) {
      return this.ascii(String(n));
    }
    this.ensure(16);
    const out = this.buffer;
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) {
      digits++;
    }
    let at = this.length + digits;
    this.length = at;
    while (n >= 10) {
      const quotient = Math.floor(n / 10);
      out[--at] = 48 + (n - quotient * 10);
      n = quotient;
    }
    out[--at] = 48 + n;
    return this;
  }

  /** The base64 form of the bytes, as Buffer#toString('base64') writes it. */
  base64(bytes: Buffer): this {
    const n = bytes.length;
    if (n > NATIVE_BASE64_FROM) {
      return this.ascii(bytes.toString('base64'));
    }
    this.ensure(Math.ceil(n / 3) * 4);
    const out = this.buffer;
    let at = this.length;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out[at++] = BASE64[v >> 18];
      out[at++] = BASE64[(v >> 12) & 63];
      out[at++] = BASE64[(v >> 6) & 63];
      out[at++] = BASE64[v & 63];
    }
    if (i < n) {
      const two = i + 1 < n;
      const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
      out[at++] = BASE64[v >> 18];
      out[at++] = BASE64[(v >> 12) & 63];
      out[at++] = two ? BASE64[(v >> 6) & 63] : PAD;
      out[at++] = PAD;
    }
    this.length = at;
    return this;
  }

  /** The bytes written so far (a view: build, then send). */
  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private ensure(extra: number): void {
    if (this.length + extra > this.buffer.length) {
      const grown = Buffer.allocUnsafe(
        Math.max(this.buffer.length * 2, this.length + extra),
      ) as Encoders;
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
  }
}
