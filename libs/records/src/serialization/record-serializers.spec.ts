import { describe, expect, it } from 'vitest';
import { RecordSerializers } from './record-serializers';

const ctx = { topic: 't', isKey: false };

describe(RecordSerializers.name, () => {
  const serializers = new RecordSerializers();

  it('serializes BINARY from base64, JSON as compact text and STRING as UTF-8', () => {
    expect(serializers.serialize({ type: 'BINARY', data: 'aGk=' }, ctx)).toEqual({
      type: 'BINARY',
      bytes: Buffer.from('hi'),
    });
    expect(serializers.serialize({ type: 'JSON', data: { a: [1, null] } }, ctx)).toEqual({
      type: 'JSON',
      bytes: Buffer.from('{"a":[1,null]}'),
    });
    expect(serializers.serialize({ type: 'STRING', data: 'é' }, ctx)).toEqual({
      type: 'STRING',
      bytes: Buffer.from('é', 'utf8'),
    });
  });

  it('writes JSON integers beyond 2^53 with every digit, as Jackson', () => {
    const data = { n: 9007199254740993n, max: 2n ** 63n - 1n, min: -(2n ** 63n), f: 0.5 };
    expect(serializers.serialize({ type: 'JSON', data }, ctx)).toEqual({
      type: 'JSON',
      bytes: Buffer.from(
        '{"n":9007199254740993,"max":9223372036854775807,"min":-9223372036854775808,"f":0.5}',
      ),
    });
  });

  it('writes null data as a Kafka null', () => {
    expect(serializers.serialize({ type: 'JSON', data: null }, ctx)).toEqual({
      type: 'JSON',
      bytes: null,
    });
    expect(serializers.serialize({ type: 'BINARY' }, ctx)).toEqual({ type: 'BINARY', bytes: null });
  });

  it('needs Schema Registry for schema types and typeless data', () => {
    for (const request of [{ data: 1 }, { type: 'AVRO', schema: '"int"', data: 1 }]) {
      expect(() => serializers.serialize(request, ctx)).toThrow(
        'Payload error. Schema Registry must be configured when using schemas.',
      );
    }
  });

  it('lets a schema format plug in its serializer', () => {
    const plugged = new RecordSerializers();
    plugged.register({
      type: 'AVRO',
      serialize: () => ({ type: 'AVRO', bytes: Buffer.from([0]), schemaId: 7 }),
    });
    expect(plugged.serialize({ type: 'AVRO', schema: '"int"', data: 1 }, ctx)).toEqual({
      type: 'AVRO',
      bytes: Buffer.from([0]),
      schemaId: 7,
    });
  });
});
