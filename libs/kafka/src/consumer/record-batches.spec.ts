import { createRecordsBatch, type MessageRecord } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { decodeRecordBatches } from './record-batches';

const CONTROL_BATCH = 0x20;
const LOG_APPEND_TIME = 0x08;

/** One encoded batch (as a producer sends it) starting at `firstOffset`. */
function batch(
  firstOffset: number,
  messages: Omit<MessageRecord, 'topic'>[],
  options: { compression?: 'gzip' | 'none'; attributes?: number } = {},
): Buffer {
  const bytes = Buffer.from(
    createRecordsBatch(
      messages.map((m) => ({ ...m, topic: 't' })),
      { compression: options.compression ?? 'none' },
    ).buffer,
  );
  bytes.writeBigInt64BE(BigInt(firstOffset), 0);
  if (options.attributes !== undefined) {
    bytes.writeInt16BE(bytes.readInt16BE(21) | options.attributes, 21);
  }
  return bytes;
}

const message = (i: number, timestamp = 1_700_000_000_000n + BigInt(i)) => ({
  key: Buffer.from(`k${i}`),
  value: Buffer.from(`value ${i}`),
  timestamp,
});

describe('decodeRecordBatches', () => {
  it('decodes offsets, timestamps, keys, values and headers of every batch', () => {
    const headers = new Map([[Buffer.from('h'), Buffer.from('hv')]]);
    const bytes = Buffer.concat([
      batch(10, [message(0), { ...message(1), headers }]),
      batch(12, [{ value: Buffer.from('no key'), timestamp: 1_600_000_000_000n }]),
    ]);
    const { records, end } = decodeRecordBatches('t', 3, bytes, 10);
    expect(end).toBe(13);
    expect(
      records.map((r) => ({
        ...r,
        key: r.key?.toString() ?? null,
        value: r.value?.toString(),
        headers: r.headers.map((h) => [h.name, h.value?.toString()]),
      })),
    ).toEqual([
      {
        topic: 't',
        partition: 3,
        offset: 10,
        timestamp: 1_700_000_000_000,
        timestampType: 'CREATE_TIME',
        key: 'k0',
        value: 'value 0',
        headers: [],
      },
      {
        topic: 't',
        partition: 3,
        offset: 11,
        timestamp: 1_700_000_000_001,
        timestampType: 'CREATE_TIME',
        key: 'k1',
        value: 'value 1',
        headers: [['h', 'hv']],
      },
      {
        topic: 't',
        partition: 3,
        offset: 12,
        timestamp: 1_600_000_000_000,
        timestampType: 'CREATE_TIME',
        key: null,
        value: 'no key',
        headers: [],
      },
    ]);
  });

  it('leaves out records before the fetch offset (a fetch answers whole batches)', () => {
    const bytes = Buffer.concat([batch(0, [message(0), message(1)]), batch(2, [message(2)])]);
    const { records, end } = decodeRecordBatches('t', 0, bytes, 1);
    expect(records.map((r) => r.offset)).toEqual([1, 2]);
    expect(end).toBe(3);
  });

  it('skips control batches but moves past them', () => {
    const bytes = Buffer.concat([
      batch(0, [message(0)]),
      batch(1, [message(1)], { attributes: CONTROL_BATCH }),
    ]);
    const { records, end } = decodeRecordBatches('t', 0, bytes, 0);
    expect(records.map((r) => r.offset)).toEqual([0]);
    expect(end).toBe(2);
  });

  it('leaves a batch cut off by the fetch size for the next fetch', () => {
    const whole = batch(0, [message(0)]);
    const cut = batch(1, [message(1), message(2)]);
    const bytes = Buffer.concat([whole, cut.subarray(0, cut.length - 5)]);
    const { records, end } = decodeRecordBatches('t', 0, bytes, 0);
    expect(records.map((r) => r.offset)).toEqual([0]);
    expect(end).toBe(1);
  });

  it('gives every record the batch time under LOG_APPEND_TIME', () => {
    const bytes = batch(5, [message(0, 1_000n), message(1, 3_000n)], {
      attributes: LOG_APPEND_TIME,
    });
    const { records } = decodeRecordBatches('t', 0, bytes, 0);
    expect(records.map((r) => [r.timestamp, r.timestampType])).toEqual([
      [3_000, 'LOG_APPEND_TIME'],
      [3_000, 'LOG_APPEND_TIME'],
    ]);
  });

  it('decompresses compressed batches', () => {
    const bytes = batch(7, [message(0), message(1)], { compression: 'gzip' });
    const { records, end } = decodeRecordBatches('t', 0, bytes, 0);
    expect(records.map((r) => [r.offset, r.value?.toString()])).toEqual([
      [7, 'value 0'],
      [8, 'value 1'],
    ]);
    expect(end).toBe(9);
  });

  it('reads timestamp deltas below the first timestamp and past 32 bits', () => {
    // Encoded here: @platformatic/kafka's encoder wraps varlongs past 32 bits.
    const bytes = handEncodedBatch(10_000_000_000_000n, [
      0n,
      1_000n - 10_000_000_000_000n,
      1n << 40n,
    ]);
    const { records } = decodeRecordBatches('t', 0, bytes, 0);
    expect(records.map((r) => r.timestamp)).toEqual([
      10_000_000_000_000,
      1_000,
      10_000_000_000_000 + 2 ** 40,
    ]);
  });

  it('answers nothing for no bytes', () => {
    expect(decodeRecordBatches('t', 0, undefined, 0)).toEqual({ records: [], end: undefined });
  });
});

/** A batch of one-byte-value records with these timestamp deltas (zig-zag varints by hand). */
function handEncodedBatch(firstTimestamp: bigint, deltas: bigint[]): Buffer {
  const records = deltas.map((delta, i) => {
    const body = Buffer.concat([
      Buffer.from([0]), // attributes
      varlong(delta),
      varlong(BigInt(i)), // offset delta
      varlong(-1n), // null key
      varlong(1n),
      Buffer.from('v'),
      varlong(0n), // no headers
    ]);
    return Buffer.concat([varlong(BigInt(body.length)), body]);
  });
  const head = Buffer.alloc(61);
  head.writeBigInt64BE(0n, 0);
  head.writeInt32BE(49 + records.reduce((n, r) => n + r.length, 0), 8);
  head.writeInt8(2, 16); // magic
  head.writeInt32BE(deltas.length - 1, 23);
  head.writeBigInt64BE(firstTimestamp, 27);
  head.writeInt32BE(deltas.length, 57);
  return Buffer.concat([head, ...records]);
}

function varlong(value: bigint): Buffer {
  let zigzag = value >= 0n ? value * 2n : -value * 2n - 1n;
  const bytes: number[] = [];
  do {
    const low = Number(zigzag & 0x7fn);
    zigzag >>= 7n;
    bytes.push(zigzag > 0n ? low | 0x80 : low);
  } while (zigzag > 0n);
  return Buffer.from(bytes);
}
