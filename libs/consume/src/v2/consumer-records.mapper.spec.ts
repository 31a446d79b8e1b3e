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
    for (const metadata of [true, false]) {
      expect(v2RecordsBody(records, 'binary', metadata).toString()).toBe(
        JSON.stringify(records.map((r) => toV2Record(r, 'binary', metadata))),
      );
    }
  });

  it("adds timestamp and headers after Confluent's fields unless told not to", () => {
    const headers = [{ name: 'h', value: Buffer.from('v') }];
    expect(toV2Record(record({ headers }), 'binary', true)).toEqual({
      topic: 'orders',
      key: 'aw==',
      value: 'eyJhIjoxfQ==',
      partition: 2,
      offset: 41,
      timestamp: 1_700_000_000_123,
      headers: [{ name: 'h', value: 'dg==' }],
    });
    expect(Object.keys(toV2Record(record({ headers }), 'binary', false))).toEqual([
      'topic',
      'key',
      'value',
      'partition',
      'offset',
    ]);
  });

  it('embeds json values as parsed JSON', () => {
    const records = [record({ key: Buffer.from('"k"') }), record({ key: null })];
    expect(JSON.parse(v2RecordsBody(records, 'json', true).toString())).toEqual(
      records.map((r) => toV2Record(r, 'json', true)),
    );
    const body = v2RecordsBody(records, 'json', true).toString();
    const [first] = JSON.parse(body) as { value: unknown }[];
    expect(first.value).toEqual({ a: 1 });
  });

  it('is an empty array for no records', () => {
    expect(v2RecordsBody([], 'binary', true).toString()).toBe('[]');
  });
});
