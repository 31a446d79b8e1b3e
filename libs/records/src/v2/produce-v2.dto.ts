import { javaInt, RestError } from '@gateway/rest';
import { stringifyJsonExact, stringifyJsonMember } from '@gateway/schema-registry';
import { decodeBase64Lenient } from '../serialization/base64';

/** v2 embedded formats; avro, jsonschema and protobuf go through Schema Registry. */
export type V2Format = 'binary' | 'json' | 'avro' | 'jsonschema' | 'protobuf';
const V2_FORMATS: readonly string[] = ['binary', 'json', 'avro', 'jsonschema', 'protobuf'];

export interface V2ProduceRecord {
  key?: unknown;
  value?: unknown;
  partition?: number | null;
}

/** v2 `PartitionOffset`: on success partition and offset, on error error_code and error. */
export interface V2PartitionOffset {
  partition: number | null;
  offset: number | null;
  error_code: number | null;
  error: string | null;
}

/** v2 `ProduceResponse`. */
export interface V2ProduceResponse {
  offsets: V2PartitionOffset[];
  key_schema_id: number | null;
  value_schema_id: number | null;
}

export const V2_CONTENT_TYPE = 'application/vnd.kafka.v2+json';

const RECORD_FIELDS = new Set(['key', 'value', 'partition']);
// A Java Integer in kafka-rest: read as Jackson reads one ("1" and 1.5 are 1).
const JAVA_INT = javaInt();
const REQUEST_FIELDS = new Set([
  'records',
  'key_schema',
  'key_schema_id',
  'value_schema',
  'value_schema_id',
]);

/** The format named by `application/vnd.kafka[.format].v2+json` (binary when absent). */
export function v2Format(contentType: string | undefined): V2Format {
  const match = /^application\/vnd\.kafka\.(\w+)\.v2\+json/i.exec(contentType ?? '');
  const format = match?.[1].toLowerCase() ?? 'binary';
  return V2_FORMATS.includes(format) ? (format as V2Format) : 'binary';
}

// kafka-rest's resource method per format: bean-validation messages name it.
const RESOURCE_METHODS: Record<V2Format, string> = {
  binary: 'produceBinary',
  json: 'produceJson',
  avro: 'produceAvro',
  jsonschema: 'produceJsonSchema',
  protobuf: 'produceProtobuf',
};

/**
 * Validates a v2 produce body; mapping problems are 422 as rest-utils answers for a
 * non-streaming body. kafka-rest reads both paths into one entity, so `records[].partition`
 * is allowed on the partition path too (Java clients send it as null).
 */
export function parseV2Request(
  body: unknown,
  partitionInPath: boolean,
  format: V2Format,
): V2ProduceRecord[] {
  // The resource method's @Valid @NotNull request (arg2, or arg3 after the partition path
  // parameter), checked by Hibernate Validator and worded by rest-utils' constraint mapper.
  const arg = partitionInPath ? 'arg3' : 'arg2';
  if (body === undefined || body === null) {
    throw mapping(`${RESOURCE_METHODS[format]}.${arg} must not be null (was null)`);
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw mapping('Cannot deserialize value of type `ProduceRequest`');
  }
  const unknown = Object.keys(body).find((f) => !REQUEST_FIELDS.has(f));
  if (unknown !== undefined) {
    throw RestError.unrecognizedField(unknown);
  }
  const { records } = body as { records?: unknown };
  if (records === undefined || records === null || (Array.isArray(records) && !records.length)) {
    // ProduceRequest's @NotEmpty records (absent or null become an empty list), checked the same.
    throw mapping(`${RESOURCE_METHODS[format]}.${arg}.records must not be empty (was [])`);
  }
  if (!Array.isArray(records)) {
    throw mapping('records: must be an array');
  }
  return records.map(parseRecord);
}

function parseRecord(record: unknown): V2ProduceRecord {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw mapping('records: each record must be an object');
  }
  const unknown = Object.keys(record).find((f) => !RECORD_FIELDS.has(f));
  if (unknown !== undefined) {
    throw RestError.unrecognizedField(unknown);
  }
  const { partition } = record as { partition?: unknown };
  if (partition === undefined || partition === null) {
    return record;
  }
  const parsed = JAVA_INT.safeParse(partition);
  if (!parsed.success) {
    throw mapping('records.partition: must be an integer within int range');
  }
  // In place: a copy would not keep the Java text of a float key or value (jackson-doubles.ts).
  const checked = record as V2ProduceRecord;
  checked.partition = parsed.data;
  return checked;
}

/** A record's key or value bytes in binary or json; null stays a Kafka null. */
export function encodeV2(
  record: V2ProduceRecord,
  format: V2Format,
  field: 'key' | 'value',
): Buffer | null {
  const data = record[field];
  if (data === undefined || data === null) {
    return null;
  }
  if (format === 'json') {
    // Jackson's text, as kafka-rest writes the JsonNode it read (1.0 stays 1.0).
    return Buffer.from(stringifyJsonMember(record, field), 'utf8');
  }
  // Jackson reads a number or boolean into the String field as its text.
  const text = typeof data === 'number' || typeof data === 'boolean' ? String(data) : data;
  const bytes = typeof text === 'string' ? decodeBase64Lenient(text) : undefined;
  if (bytes === undefined) {
    throw mapping(`records.${field}: ${stringifyJsonExact(data)} is not a base64 string`);
  }
  return bytes;
}

function mapping(message: string): RestError {
  return new RestError('UNPROCESSABLE_ENTITY', message);
}
