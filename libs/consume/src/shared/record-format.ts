import { isUtf8 } from 'node:buffer';
import { parseJsonMember } from '@gateway/schema-registry';

/**
 * How key and value bytes are shown: v2 embedded formats and our v3 `format` choice. avro,
 * jsonschema and protobuf decode Confluent's wire format through Schema Registry.
 */
export type RecordFormat = 'binary' | 'json' | 'string' | 'avro' | 'jsonschema' | 'protobuf';

export const RECORD_FORMATS: readonly RecordFormat[] = [
  'binary',
  'json',
  'string',
  'avro',
  'jsonschema',
  'protobuf',
];

/** A v3 key or value: typed like the produce request's `{type, data}` (and its receipt's id). */
export type TypedData =
  | { type: 'BINARY'; data: string }
  | { type: 'JSON'; data: unknown }
  | { type: 'STRING'; data: string }
  | { type: 'AVRO' | 'JSONSCHEMA' | 'PROTOBUF'; data: unknown; schema_id: number };

/**
 * Decodes bytes for v3: JSON that does not parse and strings that are not UTF-8 fall back to
 * BINARY, so the type tag always says what `data` is. Schema formats are decoded by
 * SchemaDecoder (asynchronously); here they show as BINARY.
 */
export function toTypedData(bytes: Buffer | null, format: RecordFormat): TypedData | null {
  if (bytes === null) {
    return null;
  }
  if (format === 'json') {
    const typed: TypedData = { type: 'JSON', data: null };
    if (parseJsonInto(typed, 'data', bytes)) {
      return typed;
    }
  } else if (format === 'string' && isUtf8(bytes)) {
    return { type: 'STRING', data: bytes.toString('utf8') };
  }
  return { type: 'BINARY', data: bytes.toString('base64') };
}

/**
 * Parses JSON bytes into `holder[key]`, integers beyond 2^53 with every digit (BigInt) and a
 * float remembering the text Jackson writes for it (stringifyJsonMember); false when they are
 * not JSON. Bytes that are not UTF-8 are not JSON (Jackson refuses them too): decoding would
 * replace them with U+FFFD, and the original bytes would be lost.
 */
export function parseJsonInto(holder: object, key: string, bytes: Buffer): boolean {
  if (!isUtf8(bytes)) {
    return false;
  }
  try {
    parseJsonMember(holder, key, bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
