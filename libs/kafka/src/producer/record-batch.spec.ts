import { crc32c, Reader, readRecordsBatch } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { decodeRecordBatches } from '../consumer/record-batches';
import { BatchRecord, encodeRecordBatch, NO_PRODUCER_STAMP } from './record-batch';

const RECORDS: BatchRecord[] = [
  {
    key: Buffer.from('key-0'),
    value: Buffer.from('value-0'),
    headers: [
      { name: 'trace', value: Buffer.from('a') },
      { name: 'trace', value: null },
      { name: 'ünïcode', value: Buffer.alloc(0) },
    ],
    timestamp: 1_700_000_000_000,
  },
  { key: null, value: null, headers: [], timestamp: 1_700_000_000_500 },
  // Earlier than the first record: a negative timestamp delta; a value needing a 2-byte varint.
  { key: Buffer.alloc(0), value: Buffer.alloc(300, 7), headers: [], timestamp: 1_699_999_999_000 },
];

describe('encodeRecordBatch', () => {
  it('writes a v2 record batch that a Kafka client reads back field by field', () => {
    const bytes = encodeRecordBatch(RECORDS, {
      producerId: 4242n,
      producerEpoch: 3,
      baseSequence: 17,
    });
    const batch = readRecordsBatch(Reader.from(bytes));
    expect(batch).toMatchObject({
      firstOffset: 0n,
      length: bytes.length - 12,
      magic: 2,
      attributes: 0,
      lastOffsetDelta: 2,
      firstTimestamp: 1_700_000_000_000n,
      maxTimestamp: 1_700_000_000_500n,
      producerId: 4242n,
      producerEpoch: 3,
      firstSequence: 17,
    });
    expect(batch.records).toHaveLength(3);
    batch.records.forEach((record, i) => {
      const sent = RECORDS[i];
      expect(record.offsetDelta).toBe(i);
      expect(Number(record.timestampDelta)).toBe(sent.timestamp - RECORDS[0].timestamp);
      expect(record.key ?? null).toEqual(sent.key);
      expect(record.value ?? null).toEqual(sent.value);
      expect(record.headers.map(([name, value]) => [name?.toString(), value ?? null])).toEqual(
        sent.headers.map((h) => [h.name, h.value]),
      );
    });
  });

  it('stores the CRC-32C of everything after the CRC field, as brokers verify it', () => {
    const bytes = encodeRecordBatch(RECORDS, NO_PRODUCER_STAMP);
    const crcAt = 8 + 4 + 4 + 1;
    expect(bytes.readUInt32BE(crcAt)).toBe(crc32c(bytes.subarray(crcAt + 4)) >>> 0);
  });

  it('keeps timestamps exact when they lie more than 2^32 ms apart in one batch', () => {
    // @platformatic/kafka's varlong writer wraps such deltas; ours is exact up to 2^52.
    const far = [
      { key: null, value: Buffer.from('old'), headers: [], timestamp: 1_000 },
      { key: null, value: Buffer.from('new'), headers: [], timestamp: 1_000 + 2 ** 33 },
    ];
    const { records } = decodeRecordBatches('t', 0, encodeRecordBatch(far, NO_PRODUCER_STAMP), 0);
    expect(records.map((r) => r.timestamp)).toEqual([1_000, 1_000 + 2 ** 33]);
  });

  it('marks batches of a non-idempotent producer with no producer id and no sequence', () => {
    const batch = readRecordsBatch(Reader.from(encodeRecordBatch(RECORDS, NO_PRODUCER_STAMP)));
    expect(batch).toMatchObject({ producerId: -1n, producerEpoch: -1, firstSequence: -1 });
  });
});
