import { Injectable, Optional } from '@nestjs/common';
import { ConsumedRecord } from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import {
  markMembers,
  readSchemaId,
  RegistryHttpError,
  SchemaFormat,
  SchemaSerdes,
} from '@gateway/schema-registry';
import { RecordFormat, TypedData } from './record-format';

const SCHEMA_FORMATS: Partial<Record<RecordFormat, SchemaFormat>> = {
  avro: 'AVRO',
  jsonschema: 'JSONSCHEMA',
  protobuf: 'PROTOBUF',
};

/** The schema format a v2 embedded format or v3 `format` names, if it names one. */
export function schemaFormatOf(format: string): SchemaFormat | undefined {
  return SCHEMA_FORMATS[format as RecordFormat];
}

/** A record's key and value decoded through Schema Registry (v3). */
export interface TypedPair {
  key: TypedData | null;
  value: TypedData | null;
}

/**
 * Decodes Confluent wire-format keys and values back to JSON for consume: Avro in Avro's JSON
 * encoding, JSON Schema as the document, Protobuf in its JSON mapping.
 */
@Injectable()
export class SchemaDecoder {
  constructor(@Optional() private readonly serdes?: SchemaSerdes) {}

  get configured(): boolean {
    return this.serdes?.configured ?? false;
  }

  /**
   * v2 (avro/jsonschema/protobuf consumers): the decoded JSON. Bytes that are not `format`'s wire
   * format, or that the registry cannot resolve, reject with the reason (the caller names the
   * record, as the Java consumer's deserializers fail the poll).
   */
  async v2Data(bytes: Buffer | null, format: SchemaFormat): Promise<unknown> {
    if (bytes === null) {
      return null;
    }
    const decoded = await this.requireSerdes().deserialize(bytes);
    if (decoded.format !== format) {
      throw new RestError(
        'SCHEMA_SERIALIZATION_ERROR',
        `schema id ${decoded.schemaId} is ${decoded.format}, not ${format}`,
      );
    }
    return decoded.data;
  }

  /**
   * v3: bytes in `format`'s wire format become `{type, data, schema_id}`; anything else (no magic
   * byte, an id the registry does not know, another schema format) shows as BINARY, as the
   * other v3 formats do. A registry that cannot be reached fails the read (42207).
   */
  async typedPairs(records: ConsumedRecord[], format: SchemaFormat): Promise<TypedPair[]> {
    this.requireSerdes();
    return Promise.all(
      records.map(async (r) => ({
        key: await this.typed(r.key, format),
        value: await this.typed(r.value, format),
      })),
    );
  }

  private async typed(bytes: Buffer | null, format: SchemaFormat): Promise<TypedData | null> {
    if (bytes === null) {
      return null;
    }
    const serdes = this.requireSerdes();
    const binary: TypedData = { type: 'BINARY', data: bytes.toString('base64') };
    let schemaId: number;
    try {
      schemaId = readSchemaId(bytes);
    } catch {
      return binary;
    }
    try {
      const schema = await serdes.client!.getSchemaById(schemaId);
      if (schema.format !== format) {
        return binary;
      }
    } catch (error) {
      if (error instanceof RegistryHttpError && error.isNotFound) {
        // Bytes that merely start with 0: no such schema.
        return binary;
      }
      throw registryFailure(error, schemaId);
    }
    try {
      const typed = {
        type: format,
        data: (await serdes.deserialize(bytes)).data,
        schema_id: schemaId,
      };
      markMembers(typed);
      return typed;
    } catch {
      // The schema is known (and cached) but the payload does not decode with it.
      return binary;
    }
  }

  private requireSerdes(): SchemaSerdes {
    if (this.serdes === undefined || !this.serdes.configured) {
      throw RestError.invalidPayload('Schema Registry must be configured when using schemas.');
    }
    return this.serdes;
  }
}

function registryFailure(error: unknown, schemaId: number): RestError {
  const detail = `Error deserializing record with schema id ${schemaId}: ${String((error as Error)?.message ?? error)}`;
  return error instanceof RegistryHttpError && error.isAuthError
    ? new RestError('FORBIDDEN', detail)
    : new RestError('SCHEMA_SERIALIZATION_ERROR', `Error serializing message. ${detail}`);
}
