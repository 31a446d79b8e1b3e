/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then (Protobuf
 * only) the message indexes, then the payload. Message indexes locate the message type in the
 * .proto file: a zig-zag varint count followed by that many zig-zag varint indexes, with the
 * common case [0] (first top-level message) written as the single byte 0.
 */
export const MAGIC_BYTE = 0;
const HEADER_SIZE = 5;

export interface WireRecord {
  schemaId: number;
  /** Protobuf message indexes; undefined for Avro and JSON Schema. */
  messageIndexes?: number[];
  payload: Buffer;
}

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export function encodeWire(record: WireRecord): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(record.schemaId, 1);
  const parts = [header];
  if (record.messageIndexes !== undefined) {
    parts.push(encodeMessageIndexes(record.messageIndexes));
  }
  parts.push(record.payload);
  return Buffer.concat(parts);
}

/** Reads the header; the caller knows from the schema whether message indexes follow. */
export function readSchemaId(bytes: Buffer): number {
  if (bytes.length < HEADER_SIZE) {
    throw new WireFormatError(
      `Unknown magic byte or too short: ${bytes.length} bytes cannot hold the 5-byte schema header`,
    );
  }
  if (bytes.readUInt8(0) !== MAGIC_BYTE) {
    throw new WireFormatError(`Unknown magic byte ${bytes.readUInt8(0)} (expected 0)`);
  }
  return bytes.readInt32BE(1);
}

export function decodeWire(bytes: Buffer, withMessageIndexes: boolean): WireRecord {
  const schemaId = readSchemaId(bytes);
  if (!withMessageIndexes) {
    return { schemaId, payload: bytes.subarray(HEADER_SIZE) };
  }
  const { indexes, offset } = decodeMessageIndexes(bytes, HEADER_SIZE);
  return { schemaId, messageIndexes: indexes, payload: bytes.subarray(offset) };
}

export function encodeMessageIndexes(indexes: number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) {
    return Buffer.from([0]);
  }
  return Buffer.from([indexes.length, ...indexes].flatMap(zigZagVarint));
}

export function decodeMessageIndexes(
  bytes: Buffer,
  start: number,
): { indexes: number[]; offset: number } {
  let offset = start;
  const next = (): number => {
    const { value, length } = readZigZagVarint(bytes, offset);
    offset += length;
    return value;
  };
  const count = next();
  if (count === 0) {
    return { indexes: [0], offset };
  }
  if (count < 0 || count > 100) {
    throw new WireFormatError(`Invalid Protobuf message index count ${count}`);
  }
  const indexes = Array.from({ length: count }, next);
  return { indexes, offset };
}

/** Zig-zag (signed) varint, as Kafka's ByteUtils.writeVarint. */
export function zigZagVarint(value: number): number[] {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  const bytes: number[] = [];
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return bytes;
}

function readZigZagVarint(bytes: Buffer, start: number): { value: number; length: number } {
  let raw = 0;
  let shift = 0;
  for (let i = start; i < bytes.length && i < start + 5; i++) {
    const byte = bytes[i];
    raw |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      raw >>>= 0;
      return { value: (raw >>> 1) ^ -(raw & 1), length: i - start + 1 };
    }
    shift += 7;
  }
  throw new WireFormatError('Truncated Protobuf message indexes');
}
