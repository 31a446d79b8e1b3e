import { compressionsAlgorithmsByBitmask } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { decompressRecords } from './batch-compression';

const SNAPPY = 2;
const rawSnappy = (data: Buffer): Buffer =>
  compressionsAlgorithmsByBitmask[SNAPPY].compressSync(data);

/** snappy-java's stream format: magic, version 1, compatible version 1, length-prefixed blocks. */
function xerialFramed(blocks: Buffer[]): Buffer {
  const header = Buffer.alloc(16);
  Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]).copy(header);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  const framed = blocks.flatMap((block) => {
    const compressed = rawSnappy(block);
    const length = Buffer.alloc(4);
    length.writeInt32BE(compressed.length);
    return [length, compressed];
  });
  return Buffer.concat([header, ...framed]);
}

describe('decompressRecords', () => {
  it('reads snappy in snappy-java framing, block after block', () => {
    const blocks = [Buffer.from('a'.repeat(40_000)), Buffer.from('second block')];
    expect(decompressRecords(SNAPPY, xerialFramed(blocks))).toEqual(Buffer.concat(blocks));
  });

  it('reads a raw snappy block, as librdkafka writes it', () => {
    const data = Buffer.from('hello hello hello hello');
    expect(decompressRecords(SNAPPY, rawSnappy(data))).toEqual(data);
  });

  it('refuses a framed block cut short instead of reading past it', () => {
    const framed = xerialFramed([Buffer.from('some records')]);
    expect(() => decompressRecords(SNAPPY, framed.subarray(0, framed.length - 3))).toThrow(
      /Truncated/,
    );
  });

  it('refuses a compression code Kafka does not define', () => {
    expect(() => decompressRecords(6, Buffer.alloc(4))).toThrow(/Unsupported/);
  });
});
