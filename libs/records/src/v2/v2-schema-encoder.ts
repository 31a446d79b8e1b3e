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
  key(record: V2ProduceRecord): Buffer | null;
  value(record: V2ProduceRecord): Buffer | null;
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
 * `key_schema` / `key_schema_id`, then the value's, once per request (in that order, as
 * kafka-rest's AbstractProduceAction), then write Confluent's wire format for every record.
 * A non-null key (value) without a schema: 42201 (42202), when that record is serialized.
 */
@Injectable()
export class V2SchemaEncoder {
  constructor(@Optional() private readonly serdes?: SchemaSerdes) {}

  async encoders(topic: string, format: V2Format, body: unknown): Promise<V2Encoders> {
    const schemaFormat = SCHEMA_FORMATS[format];
    if (schemaFormat === undefined) {
      return {
        key: (record) => encodeV2(record, format, 'key'),
        value: (record) => encodeV2(record, format, 'value'),
        keySchemaId: null,
        valueSchemaId: null,
      };
    }
    const fields = body as Record<string, unknown>;
    // Sequential: a key failure answers before the value schema is looked up or registered.
    const key = await this.resolve(
      topic,
      true,
      schemaFormat,
      fields.key_schema,
      fields.key_schema_id,
    );
    const value = await this.resolve(
      topic,
      false,
      schemaFormat,
      fields.value_schema,
      fields.value_schema_id,
    );
    return {
      key: (record) => this.serialize(key, record.key, true),
      value: (record) => this.serialize(value, record.value, false),
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
  ): Promise<ResolvedSchema | undefined> {
    const part = isKey ? 'key' : 'value';
    if (schema !== undefined && schema !== null && typeof schema !== 'string') {
      throw mapping(`${part}_schema: must be a string`);
    }
    if (schemaId !== undefined && schemaId !== null && !Number.isInteger(schemaId)) {
      throw mapping(`${part}_schema_id: must be an integer`);
    }
    const request: SchemaRequest = { topic, isKey };
    if (typeof schema === 'string' && typeof schemaId === 'number') {
      // kafka-rest's SchemaManagerImpl.checkArgumentWrapper means a 400 "Unsupported argument"
      // (its null detail makes it a 500 in practice; a client error is not a server error).
      throw RestError.badRequest(
        `Unsupported argument: ${part}_schema_id cannot be used together with ${part}_schema.`,
      );
    }
    if (typeof schema === 'string') {
      Object.assign(request, { type: format, schema });
    } else if (typeof schemaId === 'number') {
      request.schemaId = schemaId;
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

  private serialize(
    schema: ResolvedSchema | undefined,
    data: unknown,
    isKey: boolean,
  ): Buffer | null {
    if (data === undefined || data === null) {
      return null;
    }
    if (schema === undefined) {
      throw new RestError(isKey ? 'KEY_SCHEMA_MISSING' : 'VALUE_SCHEMA_MISSING');
    }
    return this.serdes!.serialize(schema, data);
  }
}

function mapping(message: string): RestError {
  return new RestError('UNPROCESSABLE_ENTITY', message);
}
