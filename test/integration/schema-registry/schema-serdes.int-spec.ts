import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestError } from '@gateway/rest';
import { SchemaFormat, SchemaRequest, SchemaSerdes } from '@gateway/schema-registry';
import { freePort } from '../../support/free-port';
import { schemaRegistryUrl } from '../../support/schema-registry';
import { uniqueName } from '../../support/unique-names';
import {
  AVRO_INCOMPATIBLE,
  AVRO_V1,
  AVRO_V2,
  JSON_SCHEMA,
  PROTO_SCHEMA,
  SCHEMAS,
} from './registry-fixtures';

const FORMATS: SchemaFormat[] = ['AVRO', 'JSONSCHEMA', 'PROTOBUF'];

/** The RestError a promise or function fails with, as a Confluent error body. */
async function errorOf(run: () => unknown): Promise<{ error_code: number; message: string }> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(RestError);
    return (error as RestError).toBody();
  }
  throw new Error('expected a RestError');
}

describe(SchemaSerdes.name, () => {
  let url: string;
  let serdes: SchemaSerdes;

  beforeAll(() => {
    url = schemaRegistryUrl();
    serdes = new SchemaSerdes({ urls: [url] });
  });
  afterAll(() => {
    serdes.onModuleDestroy();
  });

  const raw = (topic: string, type: SchemaFormat, extra: Partial<SchemaRequest> = {}) => ({
    topic,
    isKey: false,
    type,
    schema: SCHEMAS[type].schema,
    ...extra,
  });

  describe('resolve with a raw schema', () => {
    it.each(FORMATS)(
      'registers an unknown %s schema under <topic>-value, then finds it',
      async (type) => {
        const topic = uniqueName('sr-raw');
        const first = await serdes.resolve(raw(topic, type));
        expect(first).toEqual({
          format: type,
          subject: `${topic}-value`,
          schemaId: expect.any(Number) as unknown,
          schemaVersion: 1,
          codec: expect.anything() as unknown,
        });
        const again = await new SchemaSerdes({ urls: [url] }).resolve(raw(topic, type));
        expect([again.schemaId, again.schemaVersion]).toEqual([first.schemaId, 1]);
        const registered = await serdes.client!.getSubjectVersion(`${topic}-value`, 1);
        expect(registered).toMatchObject({ format: type, id: first.schemaId });
      },
    );

    it('uses <topic>-key for keys', async () => {
      const topic = uniqueName('sr-key');
      const resolved = await serdes.resolve({ ...raw(topic, 'AVRO'), isKey: true });
      expect(resolved.subject).toBe(`${topic}-key`);
    });

    it.each(FORMATS)('applies RECORD_NAME and TOPIC_RECORD_NAME to a %s schema', async (type) => {
      const topic = uniqueName('sr-strategy');
      // Record-named subjects are shared across topics: make the name unique to this test.
      const name = `N${uniqueName('x').replace(/-/g, '_')}`;
      const schema = renameRecord(type, name);
      const recordName = `acme.${name}`;
      const byRecord = await serdes.resolve({
        ...raw(topic, type),
        schema,
        subjectNameStrategy: 'RECORD_NAME',
      });
      expect(byRecord.subject).toBe(recordName);
      const byTopicRecord = await serdes.resolve({
        ...raw(topic, type),
        schema,
        subjectNameStrategy: 'TOPIC_RECORD_NAME',
      });
      expect(byTopicRecord.subject).toBe(`${topic}-${recordName}`);
      expect(byTopicRecord.schemaId).toBe(byRecord.schemaId);
    });

    it('registers under an explicit subject', async () => {
      const subject = uniqueName('explicit');
      const resolved = await serdes.resolve({ ...raw('any', 'JSONSCHEMA'), subject });
      expect(resolved).toMatchObject({ subject, schemaVersion: 1, format: 'JSONSCHEMA' });
    });

    it.each([
      ['AVRO', '{"type":"recrd"}'],
      ['JSONSCHEMA', '{"type":"nope"}'],
      ['PROTOBUF', 'syntax = "proto3"; message {'],
    ] as const)('answers 42205 for an invalid %s schema', async (type, schema) => {
      const body = await errorOf(() => serdes.resolve({ topic: 't', isKey: false, type, schema }));
      expect(body.error_code).toBe(42205);
      // Nothing past the schema: kafka-rest's SchemaManagerImplTest checks the whole message.
      expect(body.message).toBe(
        `Invalid schema: Error when parsing raw schema. format = ${type}, schema = ${schema}`,
      );
    });
  });

  describe('resolve by id, version and latest (no type)', () => {
    it.each(FORMATS)(
      'finds a %s schema by schema_id with its version under the topic subject',
      async (type) => {
        const topic = uniqueName('sr-id');
        const registered = await serdes.resolve(raw(topic, type));
        const byId = await new SchemaSerdes({ urls: [url] }).resolve({
          topic,
          isKey: false,
          schemaId: registered.schemaId,
        });
        expect(byId).toMatchObject({
          format: type,
          subject: `${topic}-value`,
          schemaId: registered.schemaId,
          schemaVersion: 1,
        });
      },
    );

    it('answers 42207 when the schema id is not registered under the derived subject', async () => {
      const registered = await serdes.resolve(raw(uniqueName('sr-id'), 'AVRO'));
      const other = uniqueName('sr-other');
      const body = await errorOf(() =>
        serdes.resolve({ topic: other, isKey: false, schemaId: registered.schemaId }),
      );
      expect(body.error_code).toBe(42207);
      expect(body.message).toMatch(
        new RegExp(
          `^Error serializing message. Error when fetching schema version. subject = ${other}-value`,
        ),
      );
    });

    it('answers 42207 for an unknown schema id', async () => {
      const body = await errorOf(() =>
        serdes.resolve({ topic: 't', isKey: false, schemaId: 987654 }),
      );
      expect(body.error_code).toBe(42207);
      expect(body.message).toMatch(
        /^Error serializing message. Error when fetching schema by id. schemaId = 987654\n.*; error code: 40403$/,
      );
    });

    it('finds a schema by schema_version and by latest after an evolution', async () => {
      const topic = uniqueName('sr-version');
      await serdes.resolve(raw(topic, 'AVRO'));
      const v2 = await serdes.resolve({ ...raw(topic, 'AVRO'), schema: AVRO_V2 });
      expect(v2.schemaVersion).toBe(2);
      const v1 = await serdes.resolve({ topic, isKey: false, schemaVersion: 1 });
      expect(v1).toMatchObject({ format: 'AVRO', subject: `${topic}-value`, schemaVersion: 1 });
      const latest = await serdes.resolve({ topic, isKey: false });
      expect(latest).toMatchObject({ schemaId: v2.schemaId, schemaVersion: 2 });
      expect(serdes.serialize(latest, { f1: 'a' })).toEqual(
        Buffer.concat([header(v2.schemaId), Buffer.from([0x02, 0x61, 0x00])]),
      );
    });

    it('answers 400 for a version the subject does not have', async () => {
      const topic = uniqueName('sr-version');
      await serdes.resolve(raw(topic, 'AVRO'));
      expect(
        await errorOf(() => serdes.resolve({ topic, isKey: false, schemaVersion: 9 })),
      ).toEqual({
        error_code: 400,
        message: `Schema does not exist for subject: ${topic}-value, version: 9`,
      });
    });

    it('answers 42207 for the latest version of an unknown subject', async () => {
      const topic = uniqueName('sr-none');
      const body = await errorOf(() => serdes.resolve({ topic, isKey: true }));
      expect(body.error_code).toBe(42207);
      expect(body.message).toMatch(
        new RegExp(
          `^Error serializing message. Error when fetching latest schema version. subject = ${topic}-key`,
        ),
      );
    });

    it('answers 400 for RECORD_NAME without a schema', async () => {
      expect(
        await errorOf(() =>
          serdes.resolve({ topic: 't', isKey: false, subjectNameStrategy: 'RECORD_NAME' }),
        ),
      ).toEqual({
        error_code: 400,
        message: 'Cannot use schema_subject_strategy=RECORD_NAME without schema_id or schema.',
      });
    });
  });

  describe('compatibility', () => {
    it('registers a compatible evolution and rejects an incompatible one with 42207', async () => {
      const topic = uniqueName('sr-compat');
      const subject = `${topic}-value`;
      await serdes.resolve(raw(topic, 'AVRO'));
      await serdes.client!.setCompatibility(subject, 'BACKWARD');
      const compatible = await serdes.resolve({ ...raw(topic, 'AVRO'), schema: AVRO_V2 });
      expect(compatible.schemaVersion).toBe(2);
      const body = await errorOf(() =>
        serdes.resolve({ ...raw(topic, 'AVRO'), schema: AVRO_INCOMPATIBLE }),
      );
      expect(body.error_code).toBe(42207);
      expect(body.message).toMatch(
        new RegExp(
          `^Error serializing message. Error when registering schema. format = AVRO, subject = ${subject}, [^\\n]*\\n.*; error code: 409$`,
        ),
      );
      const latest = await serdes.client!.getLatest(subject);
      expect(latest.version).toBe(2);
    });
  });

  describe('serialize', () => {
    it.each([
      ['AVRO', 'invalid "string": 1'],
      ['JSONSCHEMA', 'JSON does not match the schema: #/f1: should be string'],
      ['PROTOBUF', 'invalid value 1 for type string (at $.f1)'],
    ] as const)(
      'answers 400 with the converter message for %s data that does not match',
      async (type, message) => {
        const resolved = await serdes.resolve(raw(uniqueName('sr-data'), type));
        expect(await errorOf(() => serdes.serialize(resolved, SCHEMAS[type].invalid))).toEqual({
          error_code: 400,
          message,
        });
      },
    );

    it.each(FORMATS)('gives a Kafka null for null %s data', async (type) => {
      const resolved = await serdes.resolve(raw(uniqueName('sr-null'), type));
      expect(serdes.serialize(resolved, null)).toBeNull();
    });

    it.each(FORMATS)('round-trips %s data through deserialize', async (type) => {
      const resolved = await serdes.resolve(raw(uniqueName('sr-trip'), type));
      const bytes = serdes.serialize(resolved, SCHEMAS[type].data)!;
      const fresh = new SchemaSerdes({ urls: [url] });
      const expected = type === 'PROTOBUF' ? { f1: 'a', qty: 0 } : { f1: 'a' };
      expect(await fresh.deserialize(bytes)).toEqual({
        format: type,
        schemaId: resolved.schemaId,
        data: expected,
      });
    });
  });

  describe('without a reachable registry', () => {
    it('answers 42207 naming the unreachable registry, for resolve and deserialize', async () => {
      const dead = new SchemaSerdes({ urls: [`http://127.0.0.1:${await freePort()}`] });
      const resolveBody = await errorOf(() => dead.resolve(raw('t', 'AVRO')));
      expect(resolveBody.error_code).toBe(42207);
      expect(resolveBody.message).toMatch(/Schema Registry is unreachable: .*ECONNREFUSED/);
      const decodeBody = await errorOf(() => dead.deserialize(header(1)));
      expect(decodeBody.error_code).toBe(42207);
      expect(decodeBody.message).toMatch(
        /^Error serializing message. Error deserializing record with schema id 1\nSchema Registry is unreachable/,
      );
    });

    it('answers 42206 when no registry is configured', async () => {
      const none = new SchemaSerdes(null);
      expect(await errorOf(() => none.resolve(raw('t', 'AVRO')))).toEqual({
        error_code: 42206,
        message: 'Payload error. Schema Registry must be configured when using schemas.',
      });
    });
  });
});

function header(schemaId: number): Buffer {
  const bytes = Buffer.alloc(5);
  bytes.writeInt32BE(schemaId, 1);
  return bytes;
}

function renameRecord(type: SchemaFormat, name: string): string {
  switch (type) {
    case 'AVRO':
      return AVRO_V1.replace('"Order"', `"${name}"`);
    case 'JSONSCHEMA':
      return JSON_SCHEMA.replace('acme.Order', `acme.${name}`);
    case 'PROTOBUF':
      return PROTO_SCHEMA.replace('message Order', `message ${name}`);
  }
}
