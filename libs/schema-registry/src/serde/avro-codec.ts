import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { schemaFromConfluentSchema } from '@kafkajs/confluent-schema-registry/dist/schemaTypeResolver';
import {
  errorMessage,
  InvalidDataError,
  InvalidSchemaError,
  SchemaCodec,
  UndecodableDataError,
} from './schema-codec';

/** What we use of the avsc Type that @kafkajs/confluent-schema-registry builds. */
interface AvroType {
  readonly name?: string;
  fromString(json: string): unknown;
  toString(value?: unknown): string;
  toBuffer(value: unknown): Buffer;
  fromBuffer(buffer: Buffer): unknown;
}

/**
 * Avro with Avro's JSON encoding, as Confluent's AvroSchemaUtils: unions are wrapped
 * ({"string": "x"}), bytes and fixed are ISO-8859-1 strings, missing fields take their default.
 */
export class AvroCodec implements SchemaCodec {
  readonly format = 'AVRO' as const;

  private constructor(private readonly type: AvroType) {}

  /** `references` are the referenced schemas' texts, dependencies first. */
  static parse(schema: string, references: string[] = []): AvroCodec {
    try {
      const type = schemaFromConfluentSchema(
        { type: SchemaType.AVRO, schema },
        {
          [SchemaType.AVRO]: {
            referencedSchemas: references.map((text) => ({ type: SchemaType.AVRO, schema: text })),
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
      value = this.type.fromString(JSON.stringify(data));
    } catch (error) {
      throw new InvalidDataError(errorMessage(error));
    }
    return { payload: this.type.toBuffer(value) };
  }

  decode(payload: Buffer): unknown {
    try {
      return JSON.parse(this.type.toString(this.type.fromBuffer(payload))) as unknown;
    } catch (error) {
      throw new UndecodableDataError(
        `Avro payload does not match its schema: ${errorMessage(error)}`,
      );
    }
  }
}
