import { expect } from 'vitest';
import { schemaRegistryUrl } from './schema-registry';

export type SchemaType = 'AVRO' | 'JSONSCHEMA' | 'PROTOBUF';

/**
 * One schema per format for `{ name: string }`, a backward-compatible evolution (an optional
 * `age`), an incompatible one (`name` becomes a number), data that does not match, and the
 * payload bytes Confluent's serializers write for `{ name: 'ann' }` (worked out by hand from
 * each format's encoding rules, not by the code under test).
 */
export interface SchemaFixture {
  type: SchemaType;
  v2Format: 'avro' | 'jsonschema' | 'protobuf';
  schema: string;
  compatible: string;
  incompatible: string;
  /** What the gateway shows back for { name: 'ann' } (Protobuf JSON mapping, Avro JSON). */
  data: unknown;
  invalidData: unknown;
  /** The payload after magic byte + schema id (+ message indexes for Protobuf). */
  annPayload: Buffer;
  /** Bytes between the schema id and the payload: Protobuf's message index [0] is one 0 byte. */
  indexBytes: Buffer;
}

export const AVRO: SchemaFixture = {
  type: 'AVRO',
  v2Format: 'avro',
  schema: JSON.stringify({
    type: 'record',
    name: 'User',
    namespace: 'test',
    fields: [{ name: 'name', type: 'string' }],
  }),
  compatible: JSON.stringify({
    type: 'record',
    name: 'User',
    namespace: 'test',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'age', type: 'int', default: 0 },
    ],
  }),
  incompatible: JSON.stringify({
    type: 'record',
    name: 'User',
    namespace: 'test',
    fields: [{ name: 'name', type: 'int' }],
  }),
  data: { name: 'ann' },
  invalidData: { name: 42 },
  // Avro string: zig-zag varint length (3 -> 6), then UTF-8.
  annPayload: Buffer.from([0x06, 0x61, 0x6e, 0x6e]),
  indexBytes: Buffer.alloc(0),
};

export const JSONSCHEMA: SchemaFixture = {
  type: 'JSONSCHEMA',
  v2Format: 'jsonschema',
  schema: JSON.stringify({
    type: 'object',
    title: 'User',
    properties: { name: { type: 'string' } },
    required: ['name'],
  }),
  compatible: JSON.stringify({
    type: 'object',
    title: 'User',
    properties: { name: { type: 'string' } },
  }),
  incompatible: JSON.stringify({
    type: 'object',
    title: 'User',
    properties: { name: { type: 'integer' } },
    required: ['name'],
  }),
  data: { name: 'ann' },
  invalidData: { name: 42 },
  annPayload: Buffer.from('{"name":"ann"}'),
  indexBytes: Buffer.alloc(0),
};

export const PROTOBUF: SchemaFixture = {
  type: 'PROTOBUF',
  v2Format: 'protobuf',
  schema: 'syntax = "proto3";\npackage test;\n\nmessage User {\n  string name = 1;\n}\n',
  compatible:
    'syntax = "proto3";\npackage test;\n\nmessage User {\n  string name = 1;\n  int32 age = 2;\n}\n',
  incompatible: 'syntax = "proto3";\npackage test;\n\nmessage User {\n  int32 name = 1;\n}\n',
  data: { name: 'ann' },
  invalidData: { nope: 1 },
  // Field 1, wire type 2 (tag 0x0a), length 3, "ann".
  annPayload: Buffer.from([0x0a, 0x03, 0x61, 0x6e, 0x6e]),
  indexBytes: Buffer.from([0x00]),
};

export const SCHEMA_FIXTURES: SchemaFixture[] = [AVRO, JSONSCHEMA, PROTOBUF];

/** Confluent wire format: magic byte 0, big-endian schema id, message indexes, payload. */
export function confluentBytes(schemaId: number, fixture: SchemaFixture, payload?: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, fixture.indexBytes, payload ?? fixture.annPayload]);
}

/** Checks that `bytes` is Confluent wire format with `schemaId`, and returns its payload. */
export function expectWireFormat(
  bytes: Buffer | null,
  schemaId: number,
  fixture: SchemaFixture,
): Buffer {
  expect(bytes).not.toBeNull();
  expect(bytes![0]).toBe(0);
  expect(bytes!.readUInt32BE(1)).toBe(schemaId);
  const indexes = bytes!.subarray(5, 5 + fixture.indexBytes.length);
  expect(indexes).toEqual(fixture.indexBytes);
  return bytes!.subarray(5 + fixture.indexBytes.length);
}

/** Calls the run's registry directly (Confluent API), as another client would. */
export async function registry(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${schemaRegistryUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Registers a schema under `subject` and returns its id. */
export async function registerSchema(
  subject: string,
  fixture: SchemaFixture,
  schema = fixture.schema,
): Promise<number> {
  const res = await registry('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
    // The registry API calls JSON Schema "JSON" (the produce API says JSONSCHEMA).
    schemaType: fixture.type === 'JSONSCHEMA' ? 'JSON' : fixture.type,
    schema,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (res.json as { id: number }).id;
}

export async function setCompatibility(subject: string, level: string): Promise<void> {
  const res = await registry('PUT', `/config/${encodeURIComponent(subject)}`, {
    compatibility: level,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

/**
 * The fixture's schemas with the record name made unique (Avro namespace, Protobuf package, JSON
 * Schema title), for tests of RECORD_NAME subjects, which are shared by every topic.
 */
export function uniqueRecordName(fixture: SchemaFixture, suffix: string): SchemaFixture {
  const rename = (schema: string): string =>
    schema
      .replace('"namespace":"test"', `"namespace":"test_${suffix}"`)
      .replace('package test;', `package test_${suffix};`)
      .replace('"title":"User"', `"title":"User_${suffix}"`);
  return {
    ...fixture,
    schema: rename(fixture.schema),
    compatible: rename(fixture.compatible),
    incompatible: rename(fixture.incompatible),
  };
}

/** The record name RECORD_NAME derives from a fixture renamed with `suffix`. */
export function recordNameOf(fixture: SchemaFixture, suffix: string): string {
  return fixture.type === 'JSONSCHEMA' ? `User_${suffix}` : `test_${suffix}.User`;
}
