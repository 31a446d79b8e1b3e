import { Injectable, Optional } from '@nestjs/common';
import { RestError } from '@gateway/rest';
import {
  ResolvedSchema,
  SchemaFormat,
  SchemaRequest,
  SchemaSerdes,
} from '@gateway/schema-registry';
import { encodeV2, V2Format, V2ProduceRecord } from './produce-v2.dto';

/** How one v2 produce request turns keys and values into bytes, and the schema ids it reports. */
export interface V2Encoders {
  key(data: unknown): Buffer | null;
  value(data: unknown): Buffer | null;
  keySchemaId: number | null;
  valueSchemaId: number | null;
}

const SCHEMA_FORMATS: Partial<Record<V2Format, SchemaFormat>> = {
  avro: 'AVRO',
  jsonschema: 'JSONSCHEMA',
  protobuf: 'PROTOBUF',
};

/**
 * v2 embedded formats: binary and json as they are; avro, jsonschema and protobuf resolve
 * `key_schema` / `key_schema_id` (and the value's) once per request, then write Confluent's wire
 * format for every record. Keys (values) without a schema: 42201 (42202).
 */
@Injectable()
export class V2SchemaEncoder {
  constructor(@Optional() private readonly serdes?: SchemaSerdes) {}

  async encoders(
    topic: string,
    format: V2Format,
    body: unknown,
    records: V2ProduceRecord[],
  ): Promise<V2Encoders> {
    const schemaFormat = SCHEMA_FORMATS[format];
    if (schemaFormat === undefined) {
      return {
        key: (data) => encodeV2(data, format, 'key'),
        value: (data) => encodeV2(data, format, 'value'),
        keySchemaId: null,
        valueSchemaId: null,
      };
    }
    const fields = body as Record<string, unknown>;
    const used = (part: 'key' | 'value'): boolean =>
      records.some((r) => r[part] !== undefined && r[part] !== null);
    const [key, value] = await Promise.all([
      this.resolve(topic, true, schemaFormat, fields.key_schema, fields.key_schema_id, used('key')),
      this.resolve(
        topic,
        false,
        schemaFormat,
        fields.value_schema,
        fields.value_schema_id,
        used('value'),
      ),
    ]);
    return {
      key: (data) => this.serialize(key, data),
      value: (data) => this.serialize(value, data),
      keySchemaId: key?.schemaId ?? null,
      valueSchemaId: value?.schemaId ?? null,
    };
  }

  private async resolve(
    topic: string,
    isKey: boolean,
    format: SchemaFormat,
    schema: unknown,
    schemaId: unknown,
    used: boolean,
  ): Promise<ResolvedSchema | undefined> {
    const part = isKey ? 'key' : 'value';
    if (schema !== undefined && schema !== null && typeof schema !== 'string') {
      throw mapping(`${part}_schema: must be a string`);
    }
    if (schemaId !== undefined && schemaId !== null && !Number.isInteger(schemaId)) {
      throw mapping(`${part}_schema_id: must be an integer`);
    }
    const request: SchemaRequest = { topic, isKey };
    if (typeof schema === 'string') {
      Object.assign(request, { type: format, schema });
    } else if (typeof schemaId === 'number') {
      request.schemaId = schemaId;
    } else if (used) {
      throw new RestError(isKey ? 'KEY_SCHEMA_MISSING' : 'VALUE_SCHEMA_MISSING');
    } else {
      return undefined;
    }
    if (this.serdes === undefined) {
      throw RestError.invalidPayload('Schema Registry must be configured when using schemas.');
    }
    const resolved = await this.serdes.resolve(request);
    if (resolved.format !== format) {
      throw new RestError(
        'INVALID_SCHEMA',
        `Invalid schema: schema id ${resolved.schemaId} is ${resolved.format}, not ${format}`,
      );
    }
    return resolved;
  }

  private serialize(schema: ResolvedSchema | undefined, data: unknown): Buffer | null {
    if (data === undefined || data === null) {
      return null;
    }
    // resolve() only leaves the schema out when no record has data for this part.
    return this.serdes!.serialize(schema!, data);
  }
}

function mapping(message: string): RestError {
  return new RestError('UNPROCESSABLE_ENTITY', message);
}
