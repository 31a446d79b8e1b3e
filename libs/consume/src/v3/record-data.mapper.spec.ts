import { describe, expect, it } from 'vitest';
import { ConsumedRecord } from '@gateway/kafka';
import { RECORD_FORMATS } from '../shared/record-format';
import { PartitionRecordsData } from './partition-records.dto';
import { JsonBytes } from '../shared/json-bytes';
import {
  partitionRecordsJson,
  recordDataJson,
  toRecordData,
  writeRecordData,
} from './record-data.mapper';

const records: ConsumedRecord[] = [
  {
    topic: 'orders "eu"\\',
    partition: 2,
    offset: 41,
    timestamp: 1_700_000_000_123,
    timestampType: 'CREATE_TIME',
    key: Buffer.from('k"1\n'),
    value: Buffer.from('{"a": [1, "é", null]}'),
    headers: [
      { name: 'h"1', value: Buffer.from([0, 255]) },
      { name: 'h', value: null },
    ],
  },
  {
    topic: 't',
    partition: 0,
    offset: 0,
    timestamp: 0,
    timestampType: 'LOG_APPEND_TIME',
    key: null,
    value: Buffer.from([0xc3, 0x28]),
    headers: [],
  },
  {
    topic: 't',
    partition: 0,
    offset: 1,
    timestamp: 0,
    timestampType: 'CREATE_TIME',
    key: Buffer.alloc(0),
    value: null,
    headers: [],
  },
];

describe(recordDataJson.name, () => {
  it('writes exactly JSON.stringify(toRecordData(...)) in every format', () => {
    for (const format of RECORD_FORMATS) {
      for (const record of records) {
        expect(recordDataJson(record, format)).toBe(JSON.stringify(toRecordData(record, format)));
      }
    }
  });
});

describe(writeRecordData.name, () => {
  it('writes the bytes of recordDataJson in every format', () => {
    const more = [0, 1, 2, 3, 200].map((n) => ({ ...records[0], value: Buffer.alloc(n, 0xa7) }));
    for (const format of RECORD_FORMATS) {
      for (const record of [...records, ...more]) {
        const out = new JsonBytes(16);
        writeRecordData(out, record, format);
        expect(out.toBuffer().toString('utf8')).toBe(recordDataJson(record, format));
      }
    }
  });
});

describe(partitionRecordsJson.name, () => {
  it('writes the page as JSON.stringify would, its records in data', () => {
    const page: PartitionRecordsData = {
      kind: 'KafkaPartitionRecords',
      metadata: { self: 'http://h/a?b="c"', next: 'http://h/n' },
      cluster_id: 'c',
      topic_name: 't',
      partition_id: 0,
      earliest_offset: 0,
      latest_offset: 2,
      next_offset: 2,
      data: [],
    };
    for (const rs of [[], records]) {
      const expected = { ...page, data: rs.map((r) => toRecordData(r, 'string')) };
      expect(
        partitionRecordsJson(
          page,
          rs.map((r) => recordDataJson(r, 'string')),
        ),
      ).toBe(JSON.stringify(expected));
    }
  });
});

describe('timestamps beyond a Date (other clients may write any int64)', () => {
  const at = (timestamp: number) => toRecordData({ ...records[1], timestamp }, 'binary').timestamp;

  it('formats them as the proleptic Gregorian calendar does, instead of failing the read', () => {
    const day = 86_400_000;
    // A Date ends at +275760-09-13 and starts at -271821-04-20.
    expect(at(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(at(8.64e15 + day)).toBe('+275760-09-14T00:00:00.000Z');
    expect(at(-8.64e15 - day)).toBe('-271821-04-19T00:00:00.000Z');
    // 400 Gregorian years later the calendar repeats: same day, year + 400.
    expect(at(8.64e15 + 146_097 * day)).toBe('+276160-09-13T00:00:00.000Z');
  });
});
