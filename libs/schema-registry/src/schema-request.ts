import { RestError } from '@gateway/rest';
import { SchemaFormat, SubjectNameStrategy } from './schema-registry.types';
import { SchemaCodec } from './serde/schema-codec';

/**
 * The schema fields of one v3 ProduceRequestData (key or value), camelCased, or of a v2 produce
 * (`type` from the embedded format with `schema` = key_schema/value_schema, or `schemaId`).
 */
export interface SchemaRequest {
  topic: string;
  isKey: boolean;
  /** AVRO, JSONSCHEMA or PROTOBUF: the raw-schema path (`schema` required). */
  type?: SchemaFormat;
  schema?: string;
  schemaId?: number;
  schemaVersion?: number;
  subject?: string;
  subjectNameStrategy?: SubjectNameStrategy;
}

/** What resolve() found; pass it to serialize(). The receipt fields are here. */
export interface ResolvedSchema {
  format: SchemaFormat;
  subject: string;
  schemaId: number;
  schemaVersion: number;
  /** Internal: the parsed schema. */
  readonly codec: SchemaCodec;
}

/**
 * The combinations Confluent rejects while parsing the request (per-record 400), checked here
 * too so resolve() never guesses. kafka-rest ProduceRequestData / SchemaManagerImpl rules.
 */
export function checkSchemaRequest(req: SchemaRequest): void {
  if (req.subject !== undefined && req.subjectNameStrategy !== undefined) {
    throw RestError.badRequest('Only one of subject and subject_name_strategy can be set.');
  }
  const selectors = [req.schemaId, req.schemaVersion, req.schema].filter((v) => v !== undefined);
  if (selectors.length > 1) {
    throw RestError.badRequest('Only one of schema_id, schema_version and schema can be set.');
  }
  if (req.type !== undefined && req.schema === undefined) {
    throw RestError.badRequest(
      `Unsupported argument: type=${req.type} needs a raw schema; ` +
        "'schema_version=latest' cannot be used with 'serializer'. Omit type to use schema_id, " +
        'schema_version or the latest version of the subject.',
    );
  }
  if (req.type === undefined && req.schema !== undefined) {
    throw RestError.badRequest(
      'Unsupported argument: a raw schema needs a type (AVRO, JSONSCHEMA or PROTOBUF).',
    );
  }
}
