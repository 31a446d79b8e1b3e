import { crc32c } from '@platformatic/kafka';
import type { OutgoingHeader } from './producer.types';

/** What a record batch carries of one record. */
export interface BatchRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: OutgoingHeader[];
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/** The idempotent producer's stamp on a batch; -1s when the producer is not idempotent. */
export interface BatchProducerStamp {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
}

export const NO_PRODUCER_STAMP: BatchProducerStamp = {
  producerId: -1n,
  producerEpoch: -1,
  baseSequence: -1,
};

// baseOffset, batchLength, partitionLeaderEpoch, magic, crc; then attributes .. recordCount.
const HEADER_BEFORE_CRC = 8 + 4 + 4 + 1 + 4;
const HEADER_AFTER_CRC = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;
const MAGIC = 2;

/**
 * Encodes records as one uncompressed Kafka record batch (magic 2, KIP-98 format), written into
 * a single buffer sized up front. @platformatic/kafka builds a small buffer for every field of
 * every record; at tens of thousands of records a second that garbage costs more CPU than the
 * rest of the produce path, so the hot path encodes here instead.
 */
export function encodeRecordBatch(records: BatchRecord[], stamp: BatchProducerStamp): Buffer {
  const first = records[0].timestamp;
  let maxTimestamp = first;
  const sizes = new Int32Array(records.length);
  let recordsBytes = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.timestamp > maxTimestamp) {
      maxTimestamp = record.timestamp;
    }
    const body = recordBodySize(record, record.timestamp - first, i);
    sizes[i] = body;
    recordsBytes += varintSize(zigzag(body)) + body;
  }
  const total = HEADER_BEFORE_CRC + HEADER_AFTER_CRC + recordsBytes;
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  pos = out.writeBigInt64BE(0n, pos); // baseOffset: the broker assigns it
  pos = out.writeInt32BE(total - 12, pos); // batchLength: the bytes after this field
  pos = out.writeInt32BE(-1, pos); // partitionLeaderEpoch: set by the broker
  pos = out.writeInt8(MAGIC, pos);
  const crcAt = pos;
  pos += 4;
  pos = out.writeInt16BE(0, pos); // attributes: no compression, create time, not transactional
  pos = out.writeInt32BE(records.length - 1, pos); // lastOffsetDelta
  pos = out.writeBigInt64BE(BigInt(first), pos);
  pos = out.writeBigInt64BE(BigInt(maxTimestamp), pos);
  pos = out.writeBigInt64BE(stamp.producerId, pos);
  pos = out.writeInt16BE(stamp.producerEpoch, pos);
  pos = out.writeInt32BE(stamp.baseSequence, pos);
  pos = out.writeInt32BE(records.length, pos);
  for (let i = 0; i < records.length; i++) {
    pos = writeRecord(out, pos, records[i], sizes[i], records[i].timestamp - first, i);
  }
  out.writeUInt32BE(crc32c(out.subarray(crcAt + 4)) >>> 0, crcAt);
  return out;
}

function recordBodySize(record: BatchRecord, timestampDelta: number, offsetDelta: number): number {
  let size = 1; // attributes
  size += varintSize(zigzag(timestampDelta));
  size += varintSize(zigzag(offsetDelta));
  size += bytesFieldSize(record.key);
  size += bytesFieldSize(record.value);
  size += varintSize(zigzag(record.headers.length));
  for (const header of record.headers) {
    const nameBytes = Buffer.byteLength(header.name, 'utf8');
    size += varintSize(zigzag(nameBytes)) + nameBytes;
    size += bytesFieldSize(header.value);
  }
  return size;
}

function writeRecord(
  out: Buffer,
  at: number,
  record: BatchRecord,
  bodySize: number,
  timestampDelta: number,
  offsetDelta: number,
): number {
  let pos = writeVarint(out, at, zigzag(bodySize));
  out[pos++] = 0; // attributes
  pos = writeVarint(out, pos, zigzag(timestampDelta));
  pos = writeVarint(out, pos, zigzag(offsetDelta));
  pos = writeBytesField(out, pos, record.key);
  pos = writeBytesField(out, pos, record.value);
  pos = writeVarint(out, pos, zigzag(record.headers.length));
  for (const header of record.headers) {
    const nameBytes = Buffer.byteLength(header.name, 'utf8');
    pos = writeVarint(out, pos, zigzag(nameBytes));
    pos += out.write(header.name, pos, 'utf8');
    pos = writeBytesField(out, pos, header.value);
  }
  return pos;
}

function bytesFieldSize(bytes: Buffer | null): number {
  return bytes === null ? 1 : varintSize(zigzag(bytes.length)) + bytes.length;
}

function writeBytesField(out: Buffer, at: number, bytes: Buffer | null): number {
  if (bytes === null) {
    return writeVarint(out, at, zigzag(-1));
  }
  const pos = writeVarint(out, at, zigzag(bytes.length));
  bytes.copy(out, pos);
  return pos + bytes.length;
}

/** ZigZag encoding of a signed integer (exact for |n| < 2^52: timestamps deltas fit). */
function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function varintSize(unsigned: number): number {
  let size = 1;
  while (unsigned >= 0x80) {
    unsigned = Math.floor(unsigned / 128);
    size++;
  }
  return size;
}

function writeVarint(out: Buffer, at: number, unsigned: number): number {
  let pos = at;
  while (unsigned >= 0x80) {
    out[pos++] = (unsigned % 128) | 0x80;
    unsigned = Math.floor(unsigned / 128);
  }
  out[pos++] = unsigned;
  return pos;
}
