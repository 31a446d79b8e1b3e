import { decompressRecords } from './batch-compression';
import { ConsumedRecord, RecordHeader } from './consumer.types';
import type { AbortedTransaction } from './fetch-response';

// Record batch v2 layout (KIP-98): the fields we read and where they are.
const BATCH_LENGTH_AT = 8;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const FIRST_TIMESTAMP_AT = 27;
const MAX_TIMESTAMP_AT = 35;
const PRODUCER_ID_AT = 43;
const RECORD_COUNT_AT = 57;
const RECORDS_AT = 61;
/** baseOffset and batchLength: the part of a batch its length does not count. */
const LOG_OVERHEAD = 12;

// Batch attribute bits (KIP-98 / KIP-32).
const COMPRESSION = 0x07;
const LOG_APPEND_TIME = 0x08;
const TRANSACTIONAL = 0x10;
const CONTROL_BATCH = 0x20;
// A control record's key: version (int16), then type: 0 is ABORT, 1 is COMMIT.
const ABORT_MARKER = 0;

/** What one partition's record bytes of a fetch hold at or after the fetch offset. */
export interface DecodedBatches {
  records: ConsumedRecord[];
  /** The offset after the last complete batch (control batches included), if any. */
  end: number | undefined;
}

/**
 * Decodes the record batches of one partition of a fetch response straight from its bytes:
 * one object per record and no intermediate batch or record structures (this is the consume
 * path's hottest loop). A fetch returns whole batches, so the first one may start before the
 * fetch offset; the last one may be cut off by the size limit and is left for the next fetch;
 * control batches (transaction markers) hold no user records. Batches of transactions the
 * broker lists as aborted are dropped, as the Java consumer does under READ_COMMITTED: a
 * producer's batches are aborted from the listed first offset up to its ABORT marker.
 */
export function decodeRecordBatches(
  topic: string,
  partition: number,
  bytes: Buffer | undefined,
  fromOffset: number,
  aborted: AbortedTransaction[] = [],
): DecodedBatches {
  const records: ConsumedRecord[] = [];
  const pendingAborts = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<bigint>();
  let end: number | undefined;
  let at = 0;
  while (bytes !== undefined && bytes.length - at >= RECORDS_AT) {
    const size = LOG_OVERHEAD + bytes.readInt32BE(at + BATCH_LENGTH_AT);
    if (bytes.length - at < size) {
      break;
    }
    const firstOffset = readInt64(bytes, at);
    const attributes = bytes.readInt16BE(at + ATTRIBUTES_AT);
    end = firstOffset + bytes.readInt32BE(at + LAST_OFFSET_DELTA_AT) + 1;
    while (pendingAborts.length > 0 && pendingAborts[0].firstOffset < end) {
      abortedProducers.add((pendingAborts.shift() as AbortedTransaction).producerId);
    }
    const producerId = bytes.readBigInt64BE(at + PRODUCER_ID_AT);
    if ((attributes & CONTROL_BATCH) !== 0) {
      if (isAbortMarker(bytes, at, size)) {
        abortedProducers.delete(producerId);
      }
    } else if ((attributes & TRANSACTIONAL) !== 0 && abortedProducers.has(producerId)) {
      // An aborted transaction's records: never delivered.
    } else if (end > fromOffset) {
      const batch: BatchContext = {
        topic,
        partition,
        firstOffset,
        fromOffset,
        firstTimestamp: readInt64(bytes, at + FIRST_TIMESTAMP_AT),
        logAppendTime:
          (attributes & LOG_APPEND_TIME) !== 0 ? readInt64(bytes, at + MAX_TIMESTAMP_AT) : -1,
      };
      const count = bytes.readInt32BE(at + RECORD_COUNT_AT);
      const compression = attributes & COMPRESSION;
      if (compression === 0) {
        readRecords(new Cursor(bytes, at + RECORDS_AT), count, batch, records);
      } else {
        const plain = decompressRecords(compression, bytes.subarray(at + RECORDS_AT, at + size));
        readRecords(new Cursor(plain, 0), count, batch, records);
      }
    }
    at += size;
  }
  return { records, end };
}

/** Whether a control batch holds an ABORT marker (its one record's key says the type). */
function isAbortMarker(bytes: Buffer, at: number, size: number): boolean {
  const cursor = new Cursor(bytes.subarray(at, at + size), RECORDS_AT);
  cursor.varint(); // record length
  cursor.at += 1; // attributes
  cursor.varlong(); // timestamp delta
  cursor.varint(); // offset delta
  const key = cursor.bytes();
  return key !== null && key.length >= 4 && key.readInt16BE(2) === ABORT_MARKER;
}

/** Approximate size of a record, as Confluent counts it for max_bytes: key + value bytes. */
export function recordSize(record: ConsumedRecord): number {
  return (record.key?.length ?? 0) + (record.value?.length ?? 0);
}

interface BatchContext {
  topic: string;
  partition: number;
  firstOffset: number;
  fromOffset: number;
  firstTimestamp: number;
  /** The batch's max timestamp when the broker set every record's time (LOG_APPEND_TIME). */
  logAppendTime: number;
}

function readRecords(
  cursor: Cursor,
  count: number,
  batch: BatchContext,
  into: ConsumedRecord[],
): void {
  const logAppend = batch.logAppendTime >= 0;
  for (let i = 0; i < count; i++) {
    const length = cursor.varint();
    const next = cursor.at + length;
    cursor.at += 1; // attributes: unused
    const timestampDelta = cursor.varlong();
    const offset = batch.firstOffset + cursor.varint();
    if (offset < batch.fromOffset) {
      cursor.at = next;
      continue;
    }
    const key = cursor.bytes();
    const value = cursor.bytes();
    const headerCount = cursor.varint();
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const name = cursor.bytes();
      headers.push({ name: name?.toString('utf8') ?? '', value: cursor.bytes() });
    }
    into.push({
      topic: batch.topic,
      partition: batch.partition,
      offset,
      timestamp: logAppend ? batch.logAppendTime : batch.firstTimestamp + timestampDelta,
      timestampType: logAppend ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
      key,
      value,
      headers,
    });
    cursor.at = next;
  }
}

/** Reads Kafka's zig-zag varints and length-prefixed bytes from a buffer, moving `at`. */
class Cursor {
  constructor(
    private readonly buffer: Buffer,
    public at: number,
  ) {}

  /** A zig-zag varint (fits 32 bits). */
  varint(): number {
    const b = this.buffer;
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = b[this.at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && shift < 35);
    return (value >>> 1) ^ -(value & 1);
  }

  /** A zig-zag varlong, as a Number (exact up to 2^53: milliseconds and deltas fit). */
  varlong(): number {
    const b = this.buffer;
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = b[this.at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80 && scale < 2 ** 70);
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  /** varint length, then that many bytes (a view, not a copy); -1 is null. */
  bytes(): Buffer | null {
    const length = this.varint();
    if (length < 0) {
      return null;
    }
    const start = this.at;
    this.at += length;
    return this.buffer.subarray(start, this.at);
  }
}

/** A big-endian int64 as a Number (offsets and timestamps stay below 2^53). */
function readInt64(buffer: Buffer, at: number): number {
  return buffer.readInt32BE(at) * 0x1_0000_0000 + buffer.readUInt32BE(at + 4);
}
