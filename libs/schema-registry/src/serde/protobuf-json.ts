import { Enum, Field, MapField, Type } from 'protobufjs';
import { stringifyJsonExact } from './exact-json';
import { markHolder, markJavaNumber, markMembers } from './jackson-doubles';
import { InvalidDataError } from './schema-codec';

/**
 * Protobuf's JSON mapping (what Confluent's ProtobufSchemaUtils uses through JsonFormat):
 * field names as written or as their JSON name (json_name, else lowerCamelCase), enums by
 * name or number, 64-bit integers as numbers or strings, bytes as base64, Timestamp/Duration
 * as strings, wrappers as plain values.
 * Unknown fields are rejected, as JsonFormat's parser does. Output uses the JSON names and
 * includes default values of scalar, repeated and map fields (includingDefaultValueFields).
 */

const INT32 = ['int32', 'sint32', 'sfixed32'];
const UINT32 = ['uint32', 'fixed32'];
const INT64 = ['int64', 'sint64', 'sfixed64'];
const UINT64 = ['uint64', 'fixed64'];
const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (name) => `.google.protobuf.${name}Value`,
  ),
);
const TIMESTAMP = '.google.protobuf.Timestamp';
const DURATION = '.google.protobuf.Duration';

/**
 * A field's JSON name, as protoc sets it: its `json_name` option, else the name with underscores
 * dropped and the next letter upper-cased.
 */
function jsonName(field: Field): string {
  const explicit: unknown = field.options?.json_name;
  if (typeof explicit === 'string') {
    return explicit;
  }
  return field.name.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** JSON → the plain object that Type.fromObject() turns into a message. */
export function fromProtoJson(type: Type, json: unknown, path = '$'): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    fail(path, `expected a JSON object for message ${typeName(type)}`);
  }
  const out: Record<string, unknown> = {};
  const oneofsSeen = new Map<string, string>();
  for (const [key, value] of Object.entries(json)) {
    const field = findField(type, key);
    if (field === undefined) {
      fail(path, `Cannot find field: ${key} in message ${typeName(type)}`);
    }
    if (value === null) {
      continue;
    }
    const oneof = field.partOf?.name;
    if (oneof !== undefined) {
      const other = oneofsSeen.get(oneof);
      if (other !== undefined) {
        fail(path, `fields ${other} and ${field.name} are both in oneof ${oneof}`);
      }
      oneofsSeen.set(oneof, field.name);
    }
    out[field.name] = convertField(field, value, `${path}.${key}`);
  }
  return out;
}

/** A plain object from Type.toObject(message, TO_OBJECT_OPTIONS) → Protobuf JSON. */
export function toProtoJson(type: Type, object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined || value === null) {
      continue;
    }
    const key = jsonName(field);
    out[key] = printField(field, value);
    markJavaNumbers(field, out, key);
  }
  return out;
}

/**
 * JsonFormat prints floats and doubles with Java's Float/Double.toString and kafka-rest reads
 * that back with Jackson: `out[key]` (a field, its list or its map) gets the value Jackson holds
 * and the text it writes (jackson-doubles.ts); nested messages marked themselves.
 */
function markJavaNumbers(field: Field, out: Record<string, unknown>, key: string): void {
  const kind = floatingPointKind(field);
  const printed = out[key];
  if ((field instanceof MapField || field.repeated) && typeof printed === 'object') {
    const container = printed as Record<string, unknown>;
    if (kind !== undefined) {
      Object.keys(container).forEach((member) => markJavaNumber(container, member, kind));
    }
    markMembers(container);
    markHolder(out, container);
  } else if (kind !== undefined) {
    markJavaNumber(out, key, kind);
  } else {
    markHolder(out, printed);
  }
}

/** float or double, also as a FloatValue/DoubleValue wrapper (printed as its plain value). */
function floatingPointKind(field: Field): 'float' | 'double' | undefined {
  field.resolve();
  const wrapper = field.resolvedType instanceof Type ? field.resolvedType.fullName : undefined;
  if (field.type === 'float' || wrapper === '.google.protobuf.FloatValue') {
    return 'float';
  }
  if (field.type === 'double' || wrapper === '.google.protobuf.DoubleValue') {
    return 'double';
  }
  return undefined;
}

export const TO_OBJECT_OPTIONS = {
  longs: String,
  enums: String,
  bytes: String,
  defaults: true,
  arrays: true,
  objects: true,
};

function findField(type: Type, key: string): Field | undefined {
  return type.fields[key] ?? type.fieldsArray.find((f) => jsonName(f) === key);
}

function convertField(field: Field, value: unknown, path: string): unknown {
  if (field instanceof MapField) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      fail(path, 'expected a JSON object for a map field');
    }
    return Object.fromEntries(
      Object.entries(value as object).map(([k, v]) => {
        checkMapKey(field.keyType, k, `${path}.${k}`);
        return [k, convertSingle(field, v, `${path}.${k}`)];
      }),
    );
  }
  if (field.repeated) {
    if (!Array.isArray(value)) {
      fail(path, 'expected a JSON array for a repeated field');
    }
    return value.map((item, i) => convertSingle(field, item, `${path}[${i}]`));
  }
  return convertSingle(field, value, path);
}

function convertSingle(field: Field, value: unknown, path: string): unknown {
  field.resolve();
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    return convertMessage(resolved, value, path);
  }
  if (resolved instanceof Enum) {
    if (typeof value === 'string' && value in resolved.values) {
      return value;
    }
    if (typeof value === 'number' && Number.isInteger(value)) {
      return value;
    }
    fail(path, `invalid value ${stringifyJsonExact(value)} for enum ${resolved.name}`);
  }
  return convertScalar(field.type, value, path);
}

function convertMessage(type: Type, value: unknown, path: string): unknown {
  const name = type.fullName;
  if (name === TIMESTAMP) {
    return parseTimestamp(value, path);
  }
  if (name === DURATION) {
    return parseDuration(value, path);
  }
  if (WRAPPERS.has(name)) {
    return { value: convertScalar(type.fields.value.type, value, path) };
  }
  return fromProtoJson(type, value, path);
}

function convertScalar(kind: string, value: unknown, path: string): unknown {
  const bad = (): never =>
    fail(path, `invalid value ${stringifyJsonExact(value)} for type ${kind}`);
  if (kind === 'string') {
    return typeof value === 'string' ? value : bad();
  }
  if (kind === 'bool') {
    return typeof value === 'boolean' ? value : bad();
  }
  if (kind === 'bytes') {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
      return bad();
    }
    return value.replace(/-/g, '+').replace(/_/g, '/');
  }
  if (kind === 'double' || kind === 'float') {
    if (typeof value === 'number') {
      return value;
    }
    if (typeof value === 'bigint') {
      // An integer beyond 2^53 (exact JSON parse): the nearest double, as JsonFormat reads it.
      return Number(value);
    }
    if (typeof value === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(value)) {
      return Number(value);
    }
    return typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))
      ? Number(value)
      : bad();
  }
  return convertInteger(kind, value, path) ?? bad();
}

function convertInteger(kind: string, value: unknown, path: string): unknown {
  // A BigInt is an integer beyond 2^53 with all its digits: int64 and uint64 keep them.
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) {
    return undefined;
  }
  const n = BigInt(text);
  const [min, max] = INT32.includes(kind)
    ? [-(2n ** 31n), 2n ** 31n - 1n]
    : UINT32.includes(kind)
      ? [0n, 2n ** 32n - 1n]
      : INT64.includes(kind)
        ? [-(2n ** 63n), 2n ** 63n - 1n]
        : UINT64.includes(kind)
          ? [0n, 2n ** 64n - 1n]
          : fail(path, `unsupported field type ${kind}`);
  if (n < min || n > max) {
    fail(path, `value ${text} is out of range for type ${kind}`);
  }
  return INT64.includes(kind) || UINT64.includes(kind) ? text : Number(n);
}

function checkMapKey(keyType: string, key: string, path: string): void {
  if (keyType === 'bool' && key !== 'true' && key !== 'false') {
    fail(path, `invalid map key ${key} for type bool`);
  }
  if (keyType !== 'string' && keyType !== 'bool') {
    if (convertInteger(keyType, key, path) === undefined) {
      fail(path, `invalid map key ${key} for type ${keyType}`);
    }
  }
}

function parseTimestamp(value: unknown, path: string): { seconds: string; nanos: number } {
  const match =
    typeof value === 'string'
      ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(value)
      : null;
  const millis = match === null ? NaN : Date.parse(`${match[1]}${match[3]}`);
  if (match === null || isNaN(millis)) {
    return fail(path, `invalid Timestamp ${stringifyJsonExact(value)} (RFC 3339 expected)`);
  }
  return { seconds: String(millis / 1000), nanos: Number((match[2] ?? '').padEnd(9, '0')) };
}

function parseDuration(value: unknown, path: string): { seconds: string; nanos: number } {
  const match = typeof value === 'string' ? /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(value) : null;
  if (match === null) {
    return fail(path, `invalid Duration ${stringifyJsonExact(value)} (e.g. "1.5s" expected)`);
  }
  const sign = match[1] === '-' ? -1 : 1;
  const nanos = Number((match[3] ?? '').padEnd(9, '0'));
  return { seconds: `${match[1]}${match[2]}`, nanos: sign * nanos };
}

function printField(field: Field, value: unknown): unknown {
  if (field instanceof MapField) {
    return Object.fromEntries(
      Object.entries(value as object).map(([k, v]) => [k, printSingle(field, v)]),
    );
  }
  if (field.repeated) {
    return (value as unknown[]).map((item) => printSingle(field, item));
  }
  return printSingle(field, value);
}

function printSingle(field: Field, value: unknown): unknown {
  field.resolve();
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    return printMessage(resolved, value as Record<string, unknown>);
  }
  if (typeof value === 'number' && !isFinite(value)) {
    return String(value);
  }
  return value;
}

function printMessage(type: Type, value: Record<string, unknown>): unknown {
  const name = type.fullName;
  if (name === TIMESTAMP) {
    const millis = Number(value.seconds ?? 0) * 1000;
    const nanos = Number(value.nanos ?? 0);
    const base = new Date(millis).toISOString().slice(0, 19);
    return `${base}${
      nanos === 0
        ? ''
        : `.${String(nanos)
            .padStart(9, '0')
            .replace(/(000)+$/, '')}`
    }Z`;
  }
  if (name === DURATION) {
    const seconds =
      typeof value.seconds === 'string' ? value.seconds : String(Number(value.seconds ?? 0));
    const nanos = Math.abs(Number(value.nanos ?? 0));
    const fraction =
      nanos === 0
        ? ''
        : `.${String(nanos)
            .padStart(9, '0')
            .replace(/(000)+$/, '')}`;
    return `${seconds}${fraction}s`;
  }
  if (WRAPPERS.has(name)) {
    return printSingle(type.fields.value, value.value);
  }
  return toProtoJson(type, value);
}

function typeName(type: Type): string {
  return type.fullName.replace(/^\./, '');
}

function fail(path: string, message: string): never {
  throw new InvalidDataError(`${message} (at ${path})`);
}
