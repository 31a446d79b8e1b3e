import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '@gateway/schema-registry';
import { parseProduceRequest } from './produce-request';

describe('parseProduceRequest', () => {
  it('passes integers beyond 2^53 in data through as BigInts', () => {
    const json = parseJsonExact(
      '{"partition_id":0,"value":{"type":"JSON","data":{"n":9007199254740993}}}',
    );
    expect(parseProduceRequest(json)).toEqual({
      partition_id: 0,
      headers: undefined,
      key: undefined,
      value: { type: 'JSON', data: { n: 9007199254740993n } },
      timestamp: undefined,
    });
  });

  it('answers 400 with the exact digits for an integer field beyond 2^53', () => {
    expect(() => parseProduceRequest(parseJsonExact('{"partition_id":9007199254740993}'))).toThrow(
      'Cannot deserialize value of partition_id: expected an int, got 9007199254740993',
    );
    expect(() =>
      parseProduceRequest(parseJsonExact('{"value":{"schema_id":92233720368547758070}}')),
    ).toThrow(
      'Cannot deserialize value of value.schema_id: expected an int, got 92233720368547758070',
    );
    expect(() => parseProduceRequest(parseJsonExact('9007199254740993'))).toThrow(
      'Cannot deserialize value of type `ProduceRequest` from number value',
    );
  });

  it('reads Integer and Instant fields as Jackson does: digit texts, truncated floats, trimmed, empty as null', () => {
    const parsed = parseProduceRequest({
      key: { schema_id: '7' },
      value: { schema_version: 3.9 },
    });
    expect(parsed.key).toEqual({ schema_id: 7 });
    expect(parsed.value).toEqual({ schema_version: 3 });
    expect(parseProduceRequest({ partition_id: ' +1 ' }).partition_id).toBe(1);
    // A Java int's whole range, -2^31 included.
    expect(parseProduceRequest({ partition_id: -2147483648 }).partition_id).toBe(-2147483648);
    expect(() => parseProduceRequest({ partition_id: 2147483648 })).toThrow('expected an int');
    expect(parseProduceRequest({ timestamp: ' 1970-01-01T00:00:01Z ' }).timestamp).toBe(1000);
    expect(parseProduceRequest({ timestamp: '' }).timestamp).toBeNull();
    // An empty string is a scalar's null for Jackson: no partition chosen.
    expect(parseProduceRequest({ partition_id: '' }).partition_id).toBeNull();
    // String fields take a scalar's text; the enum-typed ones do not.
    const texts = parseProduceRequest({
      headers: [{ name: 5, value: null }],
      value: { subject: 123, data: 1 },
    });
    expect(texts.headers).toEqual([{ name: '5', value: null }]);
    expect(texts.value).toEqual({ subject: '123', data: 1 });
    // A header without a name is a 400 naming the absent value (it was a 500: fuzz seed 1744445713).
    expect(() => parseProduceRequest({ headers: [{ value: null }] })).toThrow(
      'Cannot deserialize value of headers.name: expected a string, got null',
    );
    expect(() => parseProduceRequest({ value: { type: 1 } })).toThrow(
      'Cannot deserialize value of value.type: expected a string, got 1',
    );
    expect(() => parseProduceRequest({ value: { schema_id: 'x' } })).toThrow(
      'Cannot deserialize value of type `java.lang.Integer` from String "x": not a valid `java.lang.Integer` value',
    );
    expect(() => parseProduceRequest({ key: { schema_version: true } })).toThrow(
      'Cannot deserialize value of key.schema_version: expected an int, got true',
    );
  });
});
