import { jacksonNumber, javaInstantMs, RestError } from '@gateway/rest';
import { stringifyJsonExact } from '@gateway/schema-registry';
import { decodeJacksonBinary } from '../serialization/jackson-base64';
import { ProduceRequestData } from '../serialization/record-serializer';

/** `ProduceRequestHeader`: its base64 value decoded as Jackson reads a byte[], or null. */
export interface ProduceRequestHeader {
  name: string;
  value: Buffer | null;
}

/** `ProduceRequest` (one record), also the body of a batch entry without its `id`. */
export interface ProduceRequest {
  partition_id?: number | null;
  headers?: ProduceRequestHeader[];
  key?: ProduceRequestData | null;
  value?: ProduceRequestData | null;
  /** Epoch ms (the request has an ISO-8601 instant, or epoch seconds as Jackson reads them). */
  timestamp?: number | null;
}

const RECORD_FIELDS = new Set(['partition_id', 'headers', 'key', 'value', 'timestamp']);
const DATA_FIELDS = new Set([
  'type',
  'subject',
  'subject_name_strategy',
  'schema_id',
  'schema_version',
  'schema',
  'data',
]);
const HEADER_FIELDS = new Set(['name', 'value']);
// A Java int's range.
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A field the schema does not know; kafka-rest answers 400 in a stream, 422 in a batch. */
export class UnknownFieldError extends RestError {
  constructor(
    readonly field: string,
    message = `Unrecognized field "${field}" (class ProduceRequest), not marked as ignorable`,
  ) {
    super('BAD_REQUEST', message);
  }
}

/**
 * An unknown top-level field: the first line of Jackson's message for ProduceRequest's builder,
 * which is what kafka-rest's receipt holds (ProduceActionNoSchemaIntegrationTest
 * produceWithInvalidData_throwsBadRequest asserts it word for word, property order included).
 */
function unknownRecordField(field: string): UnknownFieldError {
  return new UnknownFieldError(
    field,
    `Unrecognized field "${field}" (class io.confluent.kafkarest.entities.v3.AutoValue_ProduceRequest$Builder), ` +
      'not marked as ignorable (6 known properties: "value", "originalSize", "partitionId", ' +
      '"headers", "key", "timestamp"])',
  );
}

/**
 * Checks one decoded JSON value against the ProduceRequest schema (hand-written: it runs for
 * every streamed record). Problems are per-record 400s, as Jackson mapping errors are upstream.
 */
export function parseProduceRequest(json: unknown, extraFields?: Set<string>): ProduceRequest {
  const record = asObject(json, 'ProduceRequest');
  for (const field of Object.keys(record)) {
    if (!RECORD_FIELDS.has(field) && !(extraFields?.has(field) ?? false)) {
      throw unknownRecordField(field);
    }
  }
  const { partition_id, headers, key, value, timestamp } = record;
  const partitionId = integerField(partition_id, 'partition_id');
  // Jackson's InstantDeserializer reads an empty (or blank) text as null.
  const absent = timestamp === null || (typeof timestamp === 'string' && timestamp.trim() === '');
  const timestampMs =
    timestamp === undefined ? undefined : absent ? null : javaInstantMs(timestamp);
  if (timestampMs === undefined && timestamp !== undefined) {
    throw mappingError('timestamp', 'an ISO-8601 instant', timestamp);
  }
  if (typeof timestampMs === 'number' && timestampMs < 0) {
    // The Java ProducerRecord's refusal, which kafka-rest answers as a bare 500: a client error.
    throw RestError.badRequest(
      `Invalid timestamp: ${timestampMs}. Timestamp should always be non-negative or null.`,
    );
  }
  return {
    partition_id: partitionId,
    headers: headers === undefined || headers === null ? undefined : parseHeaders(headers),
    key: parseData(key, 'key'),
    value: parseData(value, 'value'),
    timestamp: timestampMs,
  };
}

function parseHeaders(headers: unknown): ProduceRequestHeader[] {
  if (!Array.isArray(headers)) {
    throw mappingError('headers', 'an array', headers);
  }
  return headers.map((h: unknown) => {
    const header = asObject(h, 'ProduceRequestHeader');
    for (const field of Object.keys(header)) {
      if (!HEADER_FIELDS.has(field)) {
        throw new UnknownFieldError(field);
      }
    }
    const name = scalarText(header.name);
    if (name === undefined) {
      throw mappingError('headers.name', 'a string', header.name);
    }
    if (header.value === undefined || header.value === null) {
      return { name, value: null };
    }
    if (typeof header.value !== 'string') {
      throw mappingError('headers.value', 'a base64 string', header.value);
    }
    const value = decodeJacksonBinary(header.value);
    if ('error' in value) {
      throw RestError.badRequest(value.error);
    }
    return { name, value: value.bytes };
  });
}

function parseData(data: unknown, field: string): ProduceRequestData | null | undefined {
  if (data === undefined || data === null) {
    return data;
  }
  const object = asObject(data, 'ProduceRequestData');
  for (const name of Object.keys(object)) {
    if (!DATA_FIELDS.has(name)) {
      throw new UnknownFieldError(name);
    }
  }
  // String fields upstream take a number or boolean as its text (Jackson's scalar coercion);
  // type and subject_name_strategy are enums there, which take no such text.
  for (const name of ['type', 'subject', 'subject_name_strategy', 'schema']) {
    const v = object[name];
    if (v === undefined || v === null) {
      continue;
    }
    const text = name === 'type' || name === 'subject_name_strategy' ? v : scalarText(v);
    if (typeof text !== 'string') {
      throw mappingError(`${field}.${name}`, 'a string', v);
    }
    object[name] = text;
  }
  // Integer fields upstream: Jackson also takes "7" and truncates 7.9, as for partition_id.
  for (const n of ['schema_id', 'schema_version'].filter((name) => name in object)) {
    object[n] = integerField(object[n], `${field}.${n}`);
  }
  const problem = schemaFieldsProblem(object);
  if (problem !== undefined) {
    // Jackson's wording of an exception thrown while it builds the entity.
    throw RestError.badRequest(
      'Cannot construct instance of `io.confluent.kafkarest.entities.v3.ProduceRequest$ProduceRequestData`, ' +
        `problem: ${problem}`,
    );
  }
  return object;
}

const SCHEMA_TYPES = new Set(['AVRO', 'JSONSCHEMA', 'PROTOBUF']);
const PLAIN_TYPES = new Set(['BINARY', 'JSON', 'STRING']);
// Fields a plain type refuses, with the name kafka-rest's message gives each.
const NOT_WITH_PLAIN_TYPES: [string, string][] = [
  ['subject_name_strategy', 'subject_strategy'],
  ['subject', 'subject'],
  ['schema_id', 'schema_id'],
  ['schema_version', 'schema_version'],
  ['schema', 'schema'],
];

/** The checks of kafka-rest's ProduceRequestData.Builder.build(), in its order and words. */
function schemaFieldsProblem(data: Record<string, unknown>): string | undefined {
  if (isSet(data.subject_name_strategy) && isSet(data.subject)) {
    return "Only one of 'subject_name_strategy' or 'subject' can be used.";
  }
  const [id, version, schema] = [data.schema_id, data.schema_version, data.schema].map(isSet);
  if (id ? version || schema : version && schema) {
    return "Only one of 'schema_id', 'schema_version' or 'schema' can be used.";
  }
  const type = String(data.type);
  if (SCHEMA_TYPES.has(type)) {
    if (id) {
      return `'schema_id=${String(data.schema_id)}' cannot be used with 'serializer'.`;
    }
    if (version) {
      return `'schema_version=${String(data.schema_version)}' cannot be used with 'serializer'.`;
    }
    return schema ? undefined : "'schema_version=latest' cannot be used with 'serializer'.";
  }
  if (PLAIN_TYPES.has(type)) {
    const refused = NOT_WITH_PLAIN_TYPES.find(([field]) => isSet(data[field]));
    return refused === undefined
      ? undefined
      : `'type=${type}' cannot be used with '${refused[1]}'.`;
  }
  return undefined;
}

/** A Java Integer field as Jackson reads it; null and absent stay as they are. */
function integerField(value: unknown, field: string): number | null | undefined {
  // Jackson coerces an empty string to a scalar field's null.
  if (value === undefined || value === null || value === '') {
    return value === '' ? null : value;
  }
  const number = jacksonNumber(value);
  if (typeof number === 'string') {
    // Text that is no integer: Jackson's IntegerDeserializer words it (the spec's example).
    throw RestError.badRequest(
      `Cannot deserialize value of type \`java.lang.Integer\` from String ${jacksonQuoted(number)}: not a valid \`java.lang.Integer\` value`,
    );
  }
  if (
    !Number.isInteger(number) ||
    (number as number) < INT32_MIN ||
    (number as number) > INT32_MAX
  ) {
    throw mappingError(field, 'an int', value);
  }
  return number as number;
}

/** A text as Jackson quotes it in a message: as is, cut in the middle past 500 characters. */
function jacksonQuoted(text: string): string {
  const cut = text.length > 500 ? `${text.slice(0, 500)}]...[${text.slice(-500)}` : text;
  return `"${cut}"`;
}

/** A string, or a number, BigInt or boolean as its text; undefined for anything else. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const scalar = ['number', 'bigint', 'boolean'].includes(typeof value);
  return scalar ? String(value) : undefined;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function asObject(value: unknown, className: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw RestError.badRequest(
      `Cannot deserialize value of type \`${className}\` from ${jsonKind(value)}`,
    );
  }
  return value as Record<string, unknown>;
}

function mappingError(field: string, expected: string, got: unknown): RestError {
  return RestError.badRequest(
    `Cannot deserialize value of ${field}: expected ${expected}, got ${stringifyJsonExact(got)}`,
  );
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) {
    return 'Array value';
  }
  if (value === null) {
    return 'null value';
  }
  // An integer beyond 2^53 is a BigInt (exact parse): still a JSON number.
  return `${typeof value === 'bigint' ? 'number' : typeof value} value`;
}
