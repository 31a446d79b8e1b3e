import { ConsumedRecord } from '@gateway/kafka';
import { describe, expect, it } from 'vitest';
import { toV2Record, v2RecordsBody } from './consumer-records.mapper';

const record = (over: Partial<ConsumedRecord> = {}): ConsumedRecord => ({
  topic: 'orders',
  partition: 2,
  offset: 41,
  timestamp: 1_700_000_000_123,
  timestampType: 'CREATE_TIME',
  key: Buffer.from('k'),
  value: Buffer.from('{"a":1}'),
  headers: [],
  ...over,
});

describe('v2RecordsBody', () => {
  it('writes binary records as JSON.stringify of toV2Record would, byte for byte', () => {
    const records = [
      record(),
      record({ key: null, value: null, offset: 42 }),
      record({ offset: 9_007_199_254_740_991, timestamp: -1, value: Buffer.alloc(300, 7) }),
      record({
        topic: 'we"ird\\tôpic',
        value: Buffer.from([0, 255, 128, 10]),
        headers: [
          { name: 'trace "id"', value: Buffer.from('abc') },
          { name: 'empty', value: null },
        ],
      }),
    ];
    expect(v2RecordsBody(records, 'binary').toString()).toBe(
      JSON.stringify(records.map((r) => toV2Record(r, 'binary'))),
    );
  });

  it('embeds json values as parsed JSON', () => {
    const records = [record({ key: Buffer.from('"k"') }), record({ key: null })];
    expect(JSON.parse(v2RecordsBody(records, 'json').toString())).toEqual(
      records.map((r) => toV2Record(r, 'json')),
    );
    const [first] = JSON.parse(v2RecordsBody(records, 'json').toString()) as { value: unknown }[];
    expect(first.value).toEqual({ a: 1 });
  });

  it('is an empty array for no records', () => {
    expect(v2RecordsBody([], 'binary').toString()).toBe('[]');
  });
});
