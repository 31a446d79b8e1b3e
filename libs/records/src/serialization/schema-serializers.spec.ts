import { describe, expect, it } from 'vitest';
import { RestError } from '@gateway/rest';
import { SchemaRequest, SchemaSerdes } from '@gateway/schema-registry';
import { RecordSerializers } from './record-serializers';
import { SchemaRecordSerializer, SchemaSerializersInstaller } from './schema-serializers';

const ctx = { topic: 't', isKey: false };

function fakeSerdes(requests: SchemaRequest[] = []): SchemaSerdes {
  return {
    configured: true,
    resolve: (req: SchemaRequest) => {
      requests.push(req);
      return Promise.resolve({ format: 'AVRO', subject: 't-value', schemaId: 3, schemaVersion: 2 });
    },
    serialize: (_schema: unknown, data: unknown) =>
      data === null || data === undefined ? null : Buffer.from([0, 0, 0, 0, 3, 2]),
  } as unknown as SchemaSerdes;
}

describe(SchemaRecordSerializer.name, () => {
  it('resolves the schema and reports it with the serialized bytes', async () => {
    const requests: SchemaRequest[] = [];
    const serializer = new SchemaRecordSerializer('', fakeSerdes(requests));
    expect(
      await serializer.serialize({ schema_version: 2, schema_id: null, data: 1 }, ctx),
    ).toEqual({
      bytes: Buffer.from([0, 0, 0, 0, 3, 2]),
      type: 'AVRO',
      subject: 't-value',
      schemaId: 3,
      schemaVersion: 2,
    });
    // JSON nulls count as absent.
    expect(requests[0]).toMatchObject({ topic: 't', isKey: false, schemaVersion: 2 });
    expect(requests[0].schemaId).toBeUndefined();
  });

  it('still names the schema for null data (a Kafka null)', async () => {
    const serializer = new SchemaRecordSerializer('AVRO', fakeSerdes());
    const out = await serializer.serialize({ type: 'AVRO', schema: '"int"', data: null }, ctx);
    expect(out).toMatchObject({ bytes: null, type: 'AVRO', schemaId: 3 });
  });

  it('answers 400 "Bad Request: ..." for an unknown strategy and for library 400s', async () => {
    const serializer = new SchemaRecordSerializer('', fakeSerdes());
    await expect(
      serializer.serialize({ subject_name_strategy: 'NOPE', data: 1 }, ctx),
    ).rejects.toThrow(/^Bad Request: subject_name_strategy=NOPE is not one of TOPIC_NAME/);
    const failing = {
      ...fakeSerdes(),
      resolve: () => Promise.reject(RestError.badRequest('Schema does not exist')),
    } as unknown as SchemaSerdes;
    await expect(
      new SchemaRecordSerializer('', failing).serialize({ data: 1 }, ctx),
    ).rejects.toThrow('Bad Request: Schema does not exist');
  });
});

describe(SchemaSerializersInstaller.name, () => {
  it('plugs the schema types in only when a registry is configured', () => {
    const without = new RecordSerializers();
    new SchemaSerializersInstaller(without, {
      configured: false,
    } as unknown as SchemaSerdes).onModuleInit();
    expect(() => without.serialize({ type: 'AVRO', schema: '"int"', data: 1 }, ctx)).toThrow(
      'Schema Registry must be configured when using schemas.',
    );
    const withRegistry = new RecordSerializers();
    new SchemaSerializersInstaller(withRegistry, fakeSerdes()).onModuleInit();
    expect(withRegistry.serialize({ data: 1 }, ctx)).toBeInstanceOf(Promise);
    expect(withRegistry.serialize({ type: 'PROTOBUF', schema: 'x', data: 1 }, ctx)).toBeInstanceOf(
      Promise,
    );
  });
});
