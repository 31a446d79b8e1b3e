import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { schemaFromConfluentSchema } from '@kafkajs/confluent-schema-registry/dist/schemaTypeResolver';
import { Schema, types } from 'avsc';
import { needsPreparation, prepareAvroJson } from './avro-json-input';
import { holdsFloatingPoint, markAvroJavaNumbers } from './avro-java-numbers';
import { AvscType } from './avsc-type';
import { stringifyJsonExact } from './exact-json';
import {
  errorMessage,
  InvalidDataError,
  InvalidSchemaError,
  SchemaCodec,
  UndecodableDataError,
} from './schema-codec';

/**
 * What we use of the avsc Type that @kafkajs/confluent-schema-registry builds. `_copy` with
 * `coerce: 2` is what fromString() applies after JSON.parse (Avro JSON encoding → values), and
 * `coerce: 3` what toString() applies before JSON.stringify: called directly, the value skips a
 * text round trip that would round longs beyond 2^53 (and costs time).
 */
interface AvroType extends AvscType {
  readonly name?: string;
  toBuffer(value: unknown): Buffer;
  fromBuffer(buffer: Buffer): unknown;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_32 = 2 ** 32;
// |high 32 bits| below this: the long is a safe integer (a number).
const SAFE_HIGH = 2 ** 21 - 1;
// toBuffer's result is copied into the output at once (packLongBytes), so one buffer serves all.
const scratch = Buffer.alloc(8);

/**
 * Avro `long` with every 64-bit value, as Java's Avro: a number where a double holds it exactly,
 * a BigInt beyond (avsc's own long refuses anything beyond 2^53: "potential precision loss" on
 * read, `invalid "long"` on write). Values are 8-byte little-endian two's complement for avsc.
 */
const EXACT_LONG = types.LongType.__with({
  fromBuffer(buffer: Buffer): number | bigint {
    const high = buffer.readInt32LE(4);
    if (high >= -SAFE_HIGH && high <= SAFE_HIGH) {
      return high * TWO_32 + buffer.readUInt32LE(0);
    }
    return narrow(buffer.readBigInt64LE(0));
  },
  toBuffer(value: number | bigint): Buffer {
    if (typeof value === 'number') {
      const high = Math.floor(value / TWO_32);
      scratch.writeUInt32LE(value - high * TWO_32, 0);
      scratch.writeInt32LE(high, 4);
    } else {
      scratch.writeBigInt64LE(value);
    }
    return scratch;
  },
  fromJSON: toLong,
  toJSON: (value: number | bigint) => value,
  isValid: (value: unknown) =>
    typeof value === 'number'
      ? Number.isSafeInteger(value)
      : typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX,
  compare: (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/**
 * A JSON number for a long: Jackson reads any integer within 64 bits (an integral float too,
 * e.g. 1e18); the error is avsc's own.
 */
function toLong(json: unknown): number | bigint {
  if (typeof json === 'bigint' && json >= INT64_MIN && json <= INT64_MAX) {
    return narrow(json);
  }
  if (typeof json === 'number' && Number.isInteger(json)) {
    if (Number.isSafeInteger(json)) {
      return json;
    }
    if (json >= -(2 ** 63) && json < 2 ** 63) {
      return BigInt(json);
    }
  }
  throw new Error(`invalid "long": ${stringifyJsonExact(json)}`);
}

function narrow(value: bigint): number | bigint {
  return value >= -Number.MAX_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER
    ? Number(value)
    : value;
}

/** Every `long` of a schema (named "long" or {"type": "long", ...}) is EXACT_LONG. */
function exactLongs(schema: Schema): types.LongType | undefined {
  const isLong =
    schema === 'long' ||
    (typeof schema === 'object' &&
      schema !== null &&
      (schema as { type?: unknown }).type === 'long');
  return isLong ? EXACT_LONG : undefined;
}

/**
 * Avro with Avro's JSON encoding, as Confluent's AvroSchemaUtils: unions are wrapped
 * ({"string": "x"}), bytes and fixed are ISO-8859-1 strings, missing fields take their default.
 */
export class AvroCodec implements SchemaCodec {
  readonly format = 'AVRO' as const;

  private readonly floatingPoint: boolean;
  private readonly preparesInput: boolean;

  private constructor(private readonly type: AvroType) {
    this.floatingPoint = holdsFloatingPoint(type);
    this.preparesInput = needsPreparation(type);
  }

  /** `references` are the referenced schemas' texts, dependencies first. */
  static parse(schema: string, references: string[] = []): AvroCodec {
    try {
      const type = schemaFromConfluentSchema(
        { type: SchemaType.AVRO, schema },
        {
          [SchemaType.AVRO]: {
            referencedSchemas: references.map((text) => ({ type: SchemaType.AVRO, schema: text })),
            typeHook: exactLongs,
            // avsc picks unwrapped unions by the JS type of a value, and a custom long is not
            // a 'number' to it (["long","double"] would be ambiguous). JSON is wrapped anyway.
            wrapUnions: 'always',
          },
        },
      ) as unknown as AvroType;
      return new AvroCodec(type);
    } catch (error) {
      throw new InvalidSchemaError(errorMessage(error));
    }
  }

  get recordName(): string | undefined {
    // avsc names only records, enums and fixed types (full name, with the namespace).
    return this.type.name;
  }

  encode(data: unknown): { payload: Buffer } {
    let value: unknown;
    try {
      const input = this.preparesInput ? prepareAvroJson(this.type, data) : data;
      value = this.type._copy(input, { coerce: 2 });
    } catch (error) {
      throw new InvalidDataError(errorMessage(error));
    }
    return { payload: this.type.toBuffer(value) };
  }

  /**
   * Avro JSON encoding; longs beyond 2^53 are BigInts and floats and doubles carry the text
   * kafka-rest writes for them (stringifyJsonExact writes both).
   */
  decode(payload: Buffer): unknown {
    let value: unknown;
    try {
      value = this.type._copy(this.type.fromBuffer(payload), { coerce: 3 });
    } catch (error) {
      throw new UndecodableDataError(
        `Avro payload does not match its schema: ${errorMessage(error)}`,
      );
    }
    if (!this.floatingPoint) {
      return value;
    }
    const box = { value };
    markAvroJavaNumbers(this.type, box, 'value');
    return box.value;
  }
}
