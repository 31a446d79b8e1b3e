import { compressionsAlgorithmsByBitmask } from '@platformatic/kafka';
import { decompress as zstdDecompressJs } from 'fzstd';
import zlib from 'node:zlib';

// Batch compression codes (the low three attribute bits of a record batch).
const SNAPPY = 2;
const ZSTD = 4;

/**
 * snappy-java's stream framing, which the Java broker and producers write: an 8-byte magic,
 * two int32 version fields, then blocks of an int32 length and one raw snappy block each.
 */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16;

// zlib gained zstd in Node 22.15; on Node 20 a pure-JS decoder reads it.
const zstdDecompressSync = (zlib as { zstdDecompressSync?: (data: Buffer) => Buffer })
  .zstdDecompressSync;

/** The records section of a compressed batch, decompressed. */
export function decompressRecords(compression: number, bytes: Buffer): Buffer {
  if (compression === SNAPPY) {
    return decompressSnappy(bytes);
  }
  if (compression === ZSTD) {
    return zstdDecompressSync !== undefined
      ? zstdDecompressSync(bytes)
      : Buffer.from(zstdDecompressJs(bytes));
  }
  const algorithm = compressionsAlgorithmsByBitmask[compression];
  if (algorithm === undefined) {
    throw new Error(`Unsupported compression algorithm with bitmask ${compression}`);
  }
  return algorithm.decompressSync(bytes);
}

/** Snappy data is xerial-framed when a Java client wrote it, a raw block when librdkafka did. */
function decompressSnappy(bytes: Buffer): Buffer {
  const raw = compressionsAlgorithmsByBitmask[SNAPPY];
  if (bytes.length < XERIAL_HEADER_SIZE || !XERIAL_MAGIC.equals(bytes.subarray(0, 8))) {
    return raw.decompressSync(bytes);
  }
  const blocks: Buffer[] = [];
  let at = XERIAL_HEADER_SIZE;
  while (at < bytes.length) {
    if (bytes.length - at < 4) {
      throw new Error('Truncated snappy block length');
    }
    const size = bytes.readInt32BE(at);
    at += 4;
    if (size < 0 || size > bytes.length - at) {
      throw new Error('Truncated snappy block');
    }
    blocks.push(raw.decompressSync(bytes.subarray(at, at + size)));
    at += size;
  }
  return blocks.length === 1 ? blocks[0] : Buffer.concat(blocks);
}
