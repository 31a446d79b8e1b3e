import { SchemaFormat } from '../schema-registry.types';

/** Turns JSON values into a format's payload bytes and back (no wire header). */
export interface SchemaCodec {
  readonly format: SchemaFormat;
  /** The name RECORD_NAME uses (Avro full name, JSON Schema title, first Protobuf message). */
  readonly recordName: string | undefined;
  /** Protobuf message indexes of what encode() writes; undefined for Avro and JSON Schema. */
  encode(data: unknown): { payload: Buffer; messageIndexes?: number[] };
  decode(payload: Buffer, messageIndexes?: number[]): unknown;
}

/** The schema text cannot be parsed (Confluent: 42205 "Invalid schema"). */
export class InvalidSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSchemaError';
  }
}

/** The data does not match the schema (Confluent: 400 with the converter's message). */
export class InvalidDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDataError';
  }
}

/** Bytes that do not decode with their schema (consume side). */
export class UndecodableDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecodableDataError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
