import { SchemaRegistry as ConfluentClient } from '@kafkajs/confluent-schema-registry';
import { parse } from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaSerdes } from '@gateway/schema-registry';
import { schemaRegistryUrl } from '../../support/schema-registry';
import { uniqueName } from '../../support/unique-names';
import { AVRO_V1, JSON_SCHEMA, PROTO_SCHEMA } from './registry-fixtures';

/**
 * Byte-level interop with another client of the same registry: @kafkajs/confluent-schema-registry
 * (Avro, JSON Schema) and hand-built Confluent Protobuf frames (that library writes no message
 * indexes, kafkajs/confluent-schema-registry#248).
 */
describe('Confluent wire format against a real registry', () => {
  let serdes: SchemaSerdes;
  let other: ConfluentClient;

  beforeAll(() => {
    const url = schemaRegistryUrl();
    serdes = new SchemaSerdes({ urls: [url] });
    other = new ConfluentClient({ host: url });
  });
  afterAll(() => {
    serdes.onModuleDestroy();
  });

  const register = (type: 'AVRO' | 'JSONSCHEMA' | 'PROTOBUF', schema: string) =>
    serdes.resolve({ topic: uniqueName('interop'), isKey: false, type, schema });

  it('writes Avro {"f1":"a"} as 00 <id> 02 61, which the other client decodes', async () => {
    const resolved = await register('AVRO', AVRO_V1);
    const bytes = serdes.serialize(resolved, { f1: 'a' })!;
    expect(bytes.toString('hex')).toBe(`00${id(resolved.schemaId)}0261`);
    expect(await other.decode(bytes)).toEqual({ f1: 'a' });
  });

  it('reads Avro written by the other client', async () => {
    const resolved = await register('AVRO', AVRO_V1);
    const bytes = await other.encode(resolved.schemaId, { f1: 'xyz' });
    expect(bytes.toString('hex')).toBe(`00${id(resolved.schemaId)}0678797a`);
    expect(await serdes.deserialize(bytes)).toEqual({
      format: 'AVRO',
      schemaId: resolved.schemaId,
      data: { f1: 'xyz' },
    });
  });

  it('writes JSON Schema data as 00 <id> <UTF-8 JSON>, which the other client decodes', async () => {
    const resolved = await register('JSONSCHEMA', JSON_SCHEMA);
    const bytes = serdes.serialize(resolved, { f1: 'é' })!;
    expect(bytes).toEqual(
      Buffer.concat([Buffer.from(`00${id(resolved.schemaId)}`, 'hex'), Buffer.from('{"f1":"é"}')]),
    );
    expect(await other.decode(bytes)).toEqual({ f1: 'é' });
  });

  it('reads JSON Schema data written by the other client', async () => {
    const resolved = await register('JSONSCHEMA', JSON_SCHEMA);
    const bytes = await other.encode(resolved.schemaId, { f1: 'b' });
    expect(await serdes.deserialize(bytes)).toEqual({
      format: 'JSONSCHEMA',
      schemaId: resolved.schemaId,
      data: { f1: 'b' },
    });
  });

  it('writes Protobuf with message index [0] as one 0 byte before a payload Protobuf decodes', async () => {
    const resolved = await register('PROTOBUF', PROTO_SCHEMA);
    const bytes = serdes.serialize(resolved, { f1: 'a', qty: 150 })!;
    expect(bytes.toString('hex')).toBe(`00${id(resolved.schemaId)}00` + '0a0161' + '109601');
    // Confluent's rule: skip magic byte, id and the index array, then decode the first message.
    const order = parse(PROTO_SCHEMA).root.lookupType('acme.Order');
    expect(order.toObject(order.decode(bytes.subarray(6)))).toEqual({ f1: 'a', qty: 150 });
  });

  it('reads a Protobuf nested message at indexes [1, 0] framed by another client', async () => {
    const resolved = await register('PROTOBUF', PROTO_SCHEMA);
    // acme.Envelope.Inner {x: 5}: count 2 (04), indexes 1 (02) and 0 (00), payload 08 05.
    const bytes = Buffer.from(`00${id(resolved.schemaId)}040200` + '0805', 'hex');
    expect(await serdes.deserialize(bytes)).toEqual({
      format: 'PROTOBUF',
      schemaId: resolved.schemaId,
      data: { x: 5 },
    });
  });

  it('reads the second Protobuf message at index [1] framed by another client', async () => {
    const resolved = await register('PROTOBUF', PROTO_SCHEMA);
    // acme.Envelope {inner: {x: 7}}: count 1 (02), index 1 (02), payload 0a 02 08 07.
    const bytes = Buffer.from(`00${id(resolved.schemaId)}0202` + '0a020807', 'hex');
    expect(await serdes.deserialize(bytes)).toEqual({
      format: 'PROTOBUF',
      schemaId: resolved.schemaId,
      data: { inner: { x: 7 } },
    });
  });
});

function id(schemaId: number): string {
  return schemaId.toString(16).padStart(8, '0');
}
