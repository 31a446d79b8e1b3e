import { describe, expect, it } from 'vitest';
import { RestError } from '@gateway/rest';
import { checkSchemaRequest, schemaRequestOf, SchemaRequest } from './schema-request';

const base: SchemaRequest = { topic: 't', isKey: false };

function bodyOf(req: SchemaRequest): unknown {
  try {
    checkSchemaRequest(req);
  } catch (error) {
    return (error as RestError).toBody();
  }
  return 'accepted';
}

describe(checkSchemaRequest.name, () => {
  it('accepts each resolution path of §3.1', () => {
    expect(bodyOf({ ...base, type: 'AVRO', schema: '"string"' })).toBe('accepted');
    expect(bodyOf({ ...base, schemaId: 1 })).toBe('accepted');
    expect(bodyOf({ ...base, schemaVersion: 2, subject: 's' })).toBe('accepted');
    expect(bodyOf({ ...base, subjectNameStrategy: 'TOPIC_NAME' })).toBe('accepted');
  });

  it('rejects subject together with subject_name_strategy', () => {
    expect(bodyOf({ ...base, subject: 's', subjectNameStrategy: 'RECORD_NAME' })).toEqual({
      error_code: 400,
      message: 'Only one of subject and subject_name_strategy can be set.',
    });
  });

  it('rejects more than one of schema_id, schema_version and schema', () => {
    expect(bodyOf({ ...base, schemaId: 1, schemaVersion: 1 })).toEqual({
      error_code: 400,
      message: 'Only one of schema_id, schema_version and schema can be set.',
    });
  });

  it('rejects a schema type without a raw schema, and a raw schema without a type', () => {
    expect(bodyOf({ ...base, type: 'PROTOBUF', schemaId: 3 })).toMatchObject({
      error_code: 400,
      message: expect.stringContaining(
        "'schema_version=latest' cannot be used with 'serializer'",
      ) as unknown,
    });
    expect(bodyOf({ ...base, schema: '"string"' })).toEqual({
      error_code: 400,
      message: 'Unsupported argument: a raw schema needs a type (AVRO, JSONSCHEMA or PROTOBUF).',
    });
  });
});

describe(schemaRequestOf.name, () => {
  it('needs no registry for BINARY, JSON and STRING', () => {
    for (const type of ['BINARY', 'JSON', 'STRING']) {
      expect(schemaRequestOf('t', true, { type })).toBeNull();
    }
  });

  it('maps the snake_case wire fields, and no type to the latest version', () => {
    expect(
      schemaRequestOf('t', true, {
        type: 'AVRO',
        schema: '"int"',
        subject_name_strategy: 'TOPIC_RECORD_NAME',
      }),
    ).toEqual({
      topic: 't',
      isKey: true,
      type: 'AVRO',
      schema: '"int"',
      subjectNameStrategy: 'TOPIC_RECORD_NAME',
    });
    expect(schemaRequestOf('t', false, { schema_version: 3, subject: 's' })).toEqual({
      topic: 't',
      isKey: false,
      schemaVersion: 3,
      subject: 's',
    });
    expect(schemaRequestOf('t', false, {})).toEqual({ topic: 't', isKey: false });
  });
});
