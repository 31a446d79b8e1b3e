import { isJsonWhitespace } from './json-whitespace';

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * What each byte is outside strings. Bytes JSON never has there (anything but structure,
 * whitespace, numbers and the letters of true/false/null) make the value malformed at once: it
 * is handed on (its parse fails) instead of waiting for a close that may never come, as Jackson
 * fails at the bad token (`{ invalid` ends a stream as soon as the `i` arrives).
 */
const INVALID = 0;
const PLAIN = 1;
const STRING_START = 2;
const OPEN = 3;
const CLOSE = 4;
const OUTSIDE_STRING = new Uint8Array(256);
for (const c of ' \t\r\n:,0123456789-+.eEtrufalsn') {
  OUTSIDE_STRING[c.charCodeAt(0)] = PLAIN;
}
OUTSIDE_STRING[QUOTE] = STRING_START;
OUTSIDE_STRING[OPEN_OBJECT] = OPEN;
OUTSIDE_STRING[OPEN_ARRAY] = OPEN;
OUTSIDE_STRING[CLOSE_OBJECT] = CLOSE;
OUTSIDE_STRING[CLOSE_ARRAY] = CLOSE;

enum Mode {
  Between,
  Container,
  TopString,
  Scalar,
}

/** A complete top-level JSON value's bytes (not yet parsed). */
export type RecordCallback = (bytes: Buffer) => void;

/**
 * Splits a body of concatenated JSON values (kafka-rest's streaming format) into one buffer per
 * value, chunk by chunk, without parsing: it only tracks nesting and strings (and cuts a value
 * short at a byte JSON never has outside strings). Parsing each value is the caller's job. A
 * value longer than `maxRecordBytes` is an error that ends the stream, so memory stays bounded
 * whatever the client sends.
 */
export class JsonRecordSplitter {
  private mode = Mode.Between;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private stopped = false;

  constructor(private readonly maxRecordBytes: number) {}

  /** Feeds one chunk; returns false when a value got too large (the stream must end). */
  push(chunk: Buffer, onRecord: RecordCallback): boolean {
    let start = this.mode === Mode.Between ? -1 : 0;
    for (let i = 0; i < chunk.length && !this.stopped; i++) {
      const byte = chunk[i];
      switch (this.mode) {
        case Mode.Between:
          if (isJsonWhitespace(byte)) {
            continue;
          }
          start = i;
          this.begin(byte);
          break;
        case Mode.Container: {
          const close = this.scanContainer(chunk, i);
          if (close < 0) {
            i = chunk.length;
            break;
          }
          if (!this.emit(chunk, start, close + 1, onRecord)) {
            return false;
          }
          start = -1;
          i = close;
          break;
        }
        case Mode.TopString:
          if (this.scanString(byte)) {
            if (!this.emit(chunk, start, i + 1, onRecord)) {
              return false;
            }
            start = -1;
          }
          break;
        case Mode.Scalar:
          if (isJsonWhitespace(byte) || isValueStart(byte)) {
            if (!this.emit(chunk, start, i, onRecord)) {
              return false;
            }
            start = -1;
            i--; // this byte starts the next value (or is whitespace)
          }
          break;
      }
    }
    if (this.mode !== Mode.Between && start >= 0 && !this.stopped) {
      this.parts.push(chunk.subarray(start));
      this.partBytes += chunk.length - start;
      if (this.partBytes > this.maxRecordBytes) {
        return false;
      }
    }
    return true;
  }

  /** Ignores the rest of the body (the caller met an error that ends the stream). */
  stop(): void {
    this.stopped = true;
    this.parts = [];
  }

  /** At the end of the body: a trailing scalar is complete; anything else open is truncated. */
  end(onRecord: RecordCallback): 'complete' | 'truncated' | 'too-large' {
    if (this.mode === Mode.Scalar) {
      return this.emit(Buffer.alloc(0), 0, 0, onRecord) ? 'complete' : 'too-large';
    }
    return this.mode === Mode.Between ? 'complete' : 'truncated';
  }

  private begin(byte: number): void {
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      this.mode = Mode.Container;
      this.depth = 1;
    } else if (byte === QUOTE) {
      this.mode = Mode.TopString;
    } else {
      this.mode = Mode.Scalar;
    }
    this.inString = false;
    this.escaped = false;
  }

  /**
   * Scans a container from `from` (the hot loop: state in locals, no call per byte); returns
   * the index of the byte that closes the top-level container, or -1 if the chunk ended first.
   */
  private scanContainer(chunk: Buffer, from: number): number {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let close = -1;
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i];
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (byte === BACKSLASH) {
          escaped = true;
        } else if (byte === QUOTE) {
          inString = false;
        }
      } else {
        const kind = OUTSIDE_STRING[byte];
        if (kind === PLAIN) {
          continue;
        }
        if (kind === STRING_START) {
          inString = true;
        } else if (kind === OPEN) {
          depth++;
        } else if (kind === INVALID || --depth === 0) {
          close = i;
          break;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return close;
  }

  /** True when this byte is the closing quote of the string being scanned. */
  private scanString(byte: number): boolean {
    if (this.escaped) {
      this.escaped = false;
    } else if (byte === BACKSLASH) {
      this.escaped = true;
    } else if (byte === QUOTE) {
      return true;
    }
    return false;
  }

  private emit(chunk: Buffer, start: number, end: number, onRecord: RecordCallback): boolean {
    const size = this.partBytes + (end - start);
    if (size > this.maxRecordBytes) {
      return false;
    }
    const tail = chunk.subarray(start, end);
    const bytes = this.parts.length === 0 ? tail : Buffer.concat([...this.parts, tail], size);
    this.parts = [];
    this.partBytes = 0;
    this.mode = Mode.Between;
    onRecord(bytes);
    return true;
  }
}

function isValueStart(byte: number): boolean {
  return byte === OPEN_OBJECT || byte === OPEN_ARRAY || byte === QUOTE;
}
