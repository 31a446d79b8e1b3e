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

/** The schema fields of Confluent's v3 ProduceRequestData, as they arrive on the wire. */
export interface ProduceDataSchemaFields {
  type?: string;
  subject?: string;
  subject_name_strategy?: string;
  schema_id?: number;
  schema_version?: number;
  schema?: string;
}

const NO_SCHEMA_TYPES = new Set(['BINARY', 'JSON', 'STRING']);

/**
 * The SchemaRequest of one v3 key or value, or null when it needs no registry (BINARY, JSON,
 * STRING). No type at all means "use Schema Registry" (CONFLUENT-REST-NOTES.md §3.1), so
 * `{"data": ...}` resolves the subject's latest version. Field combinations are checked by
 * resolve(); unknown type or strategy names are the caller's 400.
 */
export function schemaRequestOf(
  topic: string,
  isKey: boolean,
  data: ProduceDataSchemaFields,
): SchemaRequest | null {
  if (data.type !== undefined && NO_SCHEMA_TYPES.has(data.type)) {
    return null;
  }
  return {
    topic,
    isKey,
    type: data.type as SchemaRequest['type'],
    schema: data.schema,
    schemaId: data.schema_id,
    schemaVersion: data.schema_version,
    subject: data.subject,
    subjectNameStrategy: data.subject_name_strategy as SchemaRequest['subjectNameStrategy'],
  };
}
