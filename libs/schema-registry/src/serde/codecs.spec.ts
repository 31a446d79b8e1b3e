import { describe, expect, it } from 'vitest';
import { encode as libraryWireEncode } from '@kafkajs/confluent-schema-registry/dist/wireEncoder';
import { AvroCodec } from './avro-codec';
import { parseJsonExact, stringifyJsonExact } from './exact-json';
import { JsonSchemaCodec } from './json-schema-codec';
import { ProtobufCodec } from './protobuf-codec';
import { InvalidDataError, InvalidSchemaError, UndecodableDataError } from './schema-codec';
import { decodeWire, encodeWire } from './wire-format';

const hex = (bytes: Buffer) => bytes.toString('hex');

const AVRO_R = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [{ name: 'f1', type: 'string' }],
});

const PROTO = `syntax = "proto3";
package acme;

message First {
  string a = 1;
  int32 n = 2;
}

message Second {
  message Inner {
    int32 x = 1;
  }
  enum Color {
    RED = 0;
    GREEN = 1;
  }
  Inner inner = 1;
  Color color = 2;
  map<string, int64> counts = 3;
  string user_id = 4;
  bytes blob = 5;
}
`;

describe(AvroCodec.name, () => {
  it('writes {"f1":"a"} with schema id 1 as 00 00000001 02 61', () => {
    const { payload } = AvroCodec.parse(AVRO_R).encode({ f1: 'a' });
    expect(hex(encodeWire({ schemaId: 1, payload }))).toBe('00000000010261');
  });

  it('reads bytes written by @kafkajs/confluent-schema-registry (Avro binary + its wire encoder)', () => {
    const bytes = libraryWireEncode(42, Buffer.from([0x06, 0x61, 0x62, 0x63]));
    const wire = decodeWire(bytes, false);
    expect(wire.schemaId).toBe(42);
    expect(AvroCodec.parse(AVRO_R).decode(wire.payload)).toEqual({ f1: 'abc' });
  });

  it('uses Avro JSON encoding: wrapped unions, defaults for missing fields', () => {
    const codec = AvroCodec.parse(
      JSON.stringify({
        type: 'record',
        name: 'U',
        namespace: 'acme',
        fields: [
          { name: 'u', type: ['null', 'string'] },
          { name: 'd', type: 'int', default: 7 },
        ],
      }),
    );
    const { payload } = codec.encode({ u: { string: 'x' } });
    // union branch 1 (zig-zag 02), "x" (02 78), 7 (0e)
    expect(hex(payload)).toBe('0202780e');
    expect(codec.decode(payload)).toEqual({ u: { string: 'x' }, d: 7 });
    expect(codec.recordName).toBe('acme.U');
  });

  it('takes a field by its alias, and a missing bytes field its default', () => {
    const codec = AvroCodec.parse(
      JSON.stringify({
        type: 'record',
        name: 'A',
        fields: [
          { name: 's', type: 'string', aliases: ['string_alias'] },
          { name: 'b', type: 'bytes', default: '\u00ff' },
        ],
      }),
    );
    const data = { string_alias: 'x' };
    expect(codec.decode(codec.encode(data).payload)).toEqual({ s: 'x', b: '\u00ff' });
    expect(data).toEqual({ string_alias: 'x' });
  });

  it('rejects data that does not match with a per-record error', () => {
    expect(() => AvroCodec.parse(AVRO_R).encode({ f1: 1 })).toThrow(InvalidDataError);
    expect(() => AvroCodec.parse(AVRO_R).encode('not a record')).toThrow(InvalidDataError);
  });

  it('rejects schemas Avro cannot parse', () => {
    expect(() => AvroCodec.parse('{"type":"recrd"}')).toThrow(InvalidSchemaError);
    expect(() => AvroCodec.parse('not json')).toThrow(InvalidSchemaError);
  });

  it('has no record name for primitive schemas', () => {
    expect(AvroCodec.parse('"string"').recordName).toBeUndefined();
  });
});

describe(JsonSchemaCodec.name, () => {
  const schema = JSON.stringify({
    title: 'Order',
    type: 'object',
    properties: { a: { type: 'integer' } },
    required: ['a'],
  });

  it('writes magic byte, schema id and the UTF-8 JSON text', () => {
    const { payload } = JsonSchemaCodec.parse(schema).encode({ a: 1 });
    const expected = '0000000002' + Buffer.from('{"a":1}', 'utf8').toString('hex');
    expect(hex(encodeWire({ schemaId: 2, payload }))).toBe(expected);
  });

  it('reads JSON written by another client without validating it', () => {
    const bytes = libraryWireEncode(2, Buffer.from('{"a":"é"}', 'utf8'));
    const wire = decodeWire(bytes, false);
    expect(JsonSchemaCodec.parse(schema).decode(wire.payload)).toEqual({ a: 'é' });
  });

  it('rejects data that does not match, naming the path', () => {
    expect(() => JsonSchemaCodec.parse(schema).encode({ a: 'x' })).toThrow(
      new InvalidDataError('JSON does not match the schema: #/a: should be integer'),
    );
  });

  it('takes the title as record name and rejects invalid schemas', () => {
    expect(JsonSchemaCodec.parse(schema).recordName).toBe('Order');
    expect(() => JsonSchemaCodec.parse('{"type":"nope"}')).toThrow(InvalidSchemaError);
    expect(() => JsonSchemaCodec.parse('{bad')).toThrow(InvalidSchemaError);
  });
});

describe(ProtobufCodec.name, () => {
  const codec = ProtobufCodec.parse(PROTO);

  it('writes the first message with message index [0] as the single byte 0', () => {
    const { payload, messageIndexes } = codec.encode({ a: 'x', n: 150 });
    const bytes = encodeWire({ schemaId: 3, messageIndexes, payload });
    // 00 | id 3 | index [0] | field 1 "x" (0a 01 78) | field 2 150 (10 96 01)
    expect(hex(bytes)).toBe('0000000003' + '00' + '0a0178' + '109601');
  });

  it('reads a nested message at indexes [1, 0] written by another client', () => {
    const bytes = Buffer.from('0000000007' + '040200' + '0805', 'hex');
    const wire = decodeWire(bytes, true);
    expect(codec.decode(wire.payload, wire.messageIndexes)).toEqual({ x: 5 });
  });

  it('reads the second message at [1] with enums, maps and 64-bit integers in JSON form', () => {
    const payload = '0a020801' + '1001' + '1a050a016b1003';
    const bytes = Buffer.from('0000000007' + '0202' + payload, 'hex');
    const wire = decodeWire(bytes, true);
    expect(codec.decode(wire.payload, wire.messageIndexes)).toEqual({
      inner: { x: 1 },
      color: 'GREEN',
      counts: { k: '3' },
      userId: '',
      blob: '',
    });
  });

  it('names the first message as RECORD_NAME does', () => {
    expect(codec.recordName).toBe('acme.First');
  });

  it('accepts proto field names and lowerCamelCase names, int64 strings and base64 bytes', () => {
    const s = ProtobufCodec.parse(
      'syntax = "proto3";\nmessage S { string user_id = 1; int64 big = 2; bytes blob = 3; }',
    );
    const a = s.encode({ user_id: 'u', big: '9007199254740993', blob: 'AQI=' });
    const b = s.encode({ userId: 'u', big: '9007199254740993', blob: 'AQI=' });
    expect(hex(a.payload)).toBe(hex(b.payload));
    expect(s.decode(a.payload)).toEqual({ userId: 'u', big: '9007199254740993', blob: 'AQI=' });
  });

  it('reads and writes a json_name option as the JSON name (JsonFormat), not the camelCase one', () => {
    const s = ProtobufCodec.parse(
      'syntax = "proto3";\nmessage S { string test_string = 1 [json_name = "test_str"]; }',
    );
    const a = s.encode({ test_str: 'x' });
    expect(hex(a.payload)).toBe(hex(s.encode({ test_string: 'x' }).payload));
    expect(s.decode(a.payload)).toEqual({ test_str: 'x' });
    expect(() => s.encode({ testString: 'x' })).toThrow(/Cannot find field: testString/);
  });

  it('rejects unknown fields, wrong types and out-of-range integers per record', () => {
    expect(() => codec.encode({ nope: 1 })).toThrow(
      /Cannot find field: nope in message acme.First/,
    );
    expect(() => codec.encode({ n: 'abc' })).toThrow(InvalidDataError);
    expect(() => codec.encode({ n: 2 ** 31 })).toThrow(/out of range/);
    expect(() => codec.encode({ a: 5 })).toThrow(InvalidDataError);
    expect(() => codec.encode([1])).toThrow(InvalidDataError);
  });

  it('round-trips Timestamp and Duration in their JSON string forms', () => {
    const wkt = ProtobufCodec.parse(`syntax = "proto3";
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
message E { google.protobuf.Timestamp at = 1; google.protobuf.Duration took = 2; }`);
    const { payload } = wkt.encode({ at: '2024-01-02T03:04:05.5Z', took: '1.25s' });
    expect(wkt.decode(payload)).toEqual({ at: '2024-01-02T03:04:05.500Z', took: '1.250s' });
  });

  it('rejects message indexes that name no message, and unparsable schemas', () => {
    expect(() => codec.decode(Buffer.alloc(0), [5])).toThrow(UndecodableDataError);
    expect(() => ProtobufCodec.parse('syntax = "proto3"; message {')).toThrow(InvalidSchemaError);
    expect(() => ProtobufCodec.parse('syntax = "proto3"; enum E { A = 0; }')).toThrow(
      InvalidSchemaError,
    );
  });
});

/** Avro's zig-zag varint of a long, written independently of avsc. */
function avroLong(n: bigint): string {
  let z = n >= 0n ? n << 1n : (-n << 1n) - 1n;
  const bytes: number[] = [];
  do {
    const low = Number(z & 0x7fn);
    z >>= 7n;
    bytes.push(z === 0n ? low : low | 0x80);
  } while (z !== 0n);
  return Buffer.from(bytes).toString('hex');
}

describe('integers beyond 2^53', () => {
  const MAX = 2n ** 63n - 1n;
  const MIN = -(2n ** 63n);

  describe(AvroCodec.name, () => {
    const codec = AvroCodec.parse(
      JSON.stringify({
        type: 'record',
        name: 'L',
        fields: [
          { name: 'a', type: 'long' },
          { name: 'b', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'u', type: ['null', 'long'] },
          { name: 'list', type: { type: 'array', items: 'long' } },
        ],
      }),
    );

    it('writes every 64-bit long exactly, BigInt or number', () => {
      for (const n of [9007199254740993n, MAX, MIN, 2n ** 53n, -(2n ** 53n) - 1n]) {
        const { payload } = codec.encode({ a: n, b: 1, u: { long: n }, list: [n, 5] });
        expect(hex(payload)).toBe(
          avroLong(n) + avroLong(1n) + '02' + avroLong(n) + '04' + avroLong(n) + '0a' + '00',
        );
      }
      const { payload } = codec.encode({ a: Number.MAX_SAFE_INTEGER, b: -1e18, u: null, list: [] });
      expect(hex(payload)).toBe(avroLong(2n ** 53n - 1n) + avroLong(-(10n ** 18n)) + '00' + '00');
    });

    it('reads longs written by another client: numbers up to 2^53, BigInts beyond', () => {
      const payload = Buffer.from(
        avroLong(2n ** 62n) +
          avroLong(MIN) +
          '02' +
          avroLong(MAX) +
          '04' +
          avroLong(-9007199254740991n) +
          avroLong(9007199254740992n) +
          '00',
        'hex',
      );
      expect(codec.decode(payload)).toEqual({
        a: 2n ** 62n,
        b: MIN,
        u: { long: MAX },
        list: [-9007199254740991, 9007199254740992n],
      });
    });

    it('refuses integers beyond 64 bits and fractions per record', () => {
      expect(() => codec.encode({ a: MAX + 1n, b: 0, u: null, list: [] })).toThrow(
        new InvalidDataError('invalid "long": 9223372036854775808'),
      );
      expect(() => codec.encode({ a: 1.5, b: 0, u: null, list: [] })).toThrow(
        new InvalidDataError('invalid "long": 1.5'),
      );
      expect(() => codec.encode({ a: '1', b: 0, u: null, list: [] })).toThrow(
        new InvalidDataError('invalid "long": "1"'),
      );
    });

    it('tells a long from a double in a union by its JSON branch name', () => {
      const union = AvroCodec.parse('["long","double"]');
      expect(hex(union.encode({ long: 5 }).payload)).toBe('000a');
      expect(hex(union.encode({ double: 5 }).payload)).toBe('020000000000001440');
      expect(union.decode(Buffer.from('00' + avroLong(MAX), 'hex'))).toEqual({ long: MAX });
    });
  });

  describe(JsonSchemaCodec.name, () => {
    const codec = JsonSchemaCodec.parse(
      JSON.stringify({ type: 'object', properties: { n: { type: 'integer', minimum: 0 } } }),
    );

    it('writes and reads the exact digits', () => {
      const { payload } = codec.encode({ n: MAX });
      expect(payload.toString()).toBe('{"n":9223372036854775807}');
      expect(codec.decode(payload)).toEqual({ n: MAX });
      expect(codec.decode(Buffer.from('{"n":9007199254740993}'))).toEqual({ n: 9007199254740993n });
    });

    it('validates a BigInt as its nearest double', () => {
      expect(() => codec.encode({ n: MIN })).toThrow(
        new InvalidDataError('JSON does not match the schema: #/n: should be >= 0'),
      );
    });
  });

  describe(ProtobufCodec.name, () => {
    const codec = ProtobufCodec.parse(
      'syntax = "proto3";\n' +
        'message M { int64 big = 1; uint64 u = 2; sint64 s = 3; double d = 4; int32 i = 5; }',
    );

    it('writes BigInts as the same bytes as their decimal strings, reads them as strings', () => {
      const exact = codec.encode({ big: 9007199254740993n, u: 2n ** 64n - 1n, s: MIN });
      const strings = codec.encode({
        big: '9007199254740993',
        u: '18446744073709551615',
        s: '-9223372036854775808',
      });
      expect(hex(exact.payload)).toBe(hex(strings.payload));
      expect(codec.decode(exact.payload)).toEqual({
        big: '9007199254740993',
        u: '18446744073709551615',
        s: '-9223372036854775808',
        d: 0,
        i: 0,
      });
    });

    it('takes the nearest double for a double field and refuses out-of-range integers', () => {
      expect(codec.decode(codec.encode({ d: 9007199254740993n }).payload)).toMatchObject({
        d: 9007199254740992,
      });
      expect(() => codec.encode({ i: 9007199254740993n })).toThrow(
        new InvalidDataError('value 9007199254740993 is out of range for type int32 (at $.i)'),
      );
      expect(() => codec.encode({ big: MAX + 1n })).toThrow(/out of range for type int64/);
    });
  });
});

describe('floats and doubles as kafka-rest writes them (Java writers read back by Jackson)', () => {
  it('Avro: the float shortest digits, doubles as Double.toString, in records, unions, arrays and maps', () => {
    const codec = AvroCodec.parse(
      JSON.stringify({
        type: 'record',
        name: 'N',
        fields: [
          { name: 'f', type: 'float' },
          { name: 'd', type: 'double' },
          { name: 'u', type: ['null', 'double'] },
          { name: 'a', type: { type: 'array', items: 'float' } },
          { name: 'm', type: { type: 'map', values: 'double' } },
          { name: 'l', type: 'long' },
        ],
      }),
    );
    const { payload } = codec.encode({
      f: 23.4,
      d: 100,
      u: { double: 1e21 },
      a: [0.1, 23],
      m: { x: 1.5, y: 2 },
      l: 7,
    });
    expect(stringifyJsonExact(codec.decode(payload))).toBe(
      '{"f":23.4,"d":100.0,"u":{"double":1.0E21},"a":[0.1,23.0],"m":{"x":1.5,"y":2.0},"l":7}',
    );
    // A top-level float is the value Jackson holds.
    const float = AvroCodec.parse('"float"');
    expect(float.decode(float.encode(23.4).payload)).toBe(23.4);
  });

  it('Protobuf: floats, doubles, repeated and map values and wrappers', () => {
    const codec = ProtobufCodec.parse(`syntax = "proto3";
import "google/protobuf/wrappers.proto";
message P {
  float f = 1;
  double d = 2;
  repeated float rf = 3;
  map<string, double> md = 4;
  google.protobuf.DoubleValue wd = 5;
  Q q = 6;
}
message Q { double x = 1; }
`);
    const { payload } = codec.encode({
      f: 23.4,
      d: 800,
      rf: [0.1],
      md: { k: 3 },
      wd: 1e21,
      q: { x: 2 },
    });
    expect(stringifyJsonExact(codec.decode(payload))).toBe(
      '{"f":23.4,"d":800.0,"rf":[0.1],"md":{"k":3.0},"wd":1.0E21,"q":{"x":2.0}}',
    );
  });

  it('JSON Schema: float literals of the request keep their text in the stored JSON', () => {
    const codec = JsonSchemaCodec.parse(JSON.stringify({ type: 'object' }));
    const data = parseJsonExact('{"a":1.0,"b":1e21,"c":2}');
    expect(codec.encode(data).payload.toString()).toBe('{"a":1.0,"b":1.0E21,"c":2}');
    expect(stringifyJsonExact(codec.decode(Buffer.from('{"a":1.0,"b":1.0E21,"c":23.40}')))).toBe(
      '{"a":1.0,"b":1.0E21,"c":23.4}',
    );
  });
});
