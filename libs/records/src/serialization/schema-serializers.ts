import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { RestError } from '@gateway/rest';
import {
  SCHEMA_FORMATS,
  SchemaSerdes,
  schemaRequestOf,
  SUBJECT_NAME_STRATEGIES,
} from '@gateway/schema-registry';
import {
  ProduceRequestData,
  RecordSerializer,
  SerializationContext,
  SerializedData,
} from './record-serializer';
import { RecordSerializers, SCHEMA_REGISTRY_LOOKUP } from './record-serializers';

/**
 * AVRO, JSONSCHEMA, PROTOBUF (raw schema) and "no type" (schema_id, schema_version or the
 * subject's latest version): Confluent wire format through Schema Registry. The schema is
 * resolved even for null data, so the receipt names it while Kafka gets a null.
 */
export class SchemaRecordSerializer implements RecordSerializer {
  constructor(
    readonly type: string,
    private readonly serdes: SchemaSerdes,
  ) {}

  async serialize(
    request: ProduceRequestData,
    context: SerializationContext,
  ): Promise<SerializedData> {
    const strategy = request.subject_name_strategy;
    if (typeof strategy === 'string' && !(SUBJECT_NAME_STRATEGIES as string[]).includes(strategy)) {
      throw RestError.badRequest(
        `Bad Request: subject_name_strategy=${strategy} is not one of ${SUBJECT_NAME_STRATEGIES.join(', ')}.`,
      );
    }
    const schemaRequest = schemaRequestOf(context.topic, context.isKey, withoutNulls(request));
    if (schemaRequest === null) {
      throw RestError.badRequest(`Bad Request: Unsupported type: ${this.type}.`);
    }
    try {
      const schema = await this.serdes.resolve(schemaRequest);
      return {
        bytes: this.serdes.serialize(schema, request.data),
        type: schema.format,
        subject: schema.subject,
        schemaId: schema.schemaId,
        schemaVersion: schema.schemaVersion,
      };
    } catch (error) {
      throw withTitle(error);
    }
  }
}

/** Plugs the schema serializers into RecordSerializers when a registry is configured. */
@Injectable()
export class SchemaSerializersInstaller implements OnModuleInit {
  constructor(
    private readonly serializers: RecordSerializers,
    @Optional() private readonly serdes?: SchemaSerdes,
  ) {}

  onModuleInit(): void {
    const serdes = this.serdes;
    if (serdes === undefined || !serdes.configured) {
      // RecordSerializers then answers 42206 "Schema Registry must be configured".
      return;
    }
    [...SCHEMA_FORMATS, SCHEMA_REGISTRY_LOOKUP].forEach((type) =>
      this.serializers.register(new SchemaRecordSerializer(type, serdes)),
    );
  }
}

/** Receipts say "Bad Request: <detail>" (StatusCodeException's "<Title>: <detail>"). */
function withTitle(error: unknown): unknown {
  if (
    error instanceof RestError &&
    error.errorCode === 400 &&
    !error.message.startsWith('Bad Request: ')
  ) {
    return RestError.badRequest(`Bad Request: ${error.message}`);
  }
  return error;
}

/** JSON nulls mean "not given" for the schema fields, as Jackson maps them. */
function withoutNulls(request: ProduceRequestData): Parameters<typeof schemaRequestOf>[2] {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request)) {
    if (value !== null && name !== 'data') {
      out[name] = value;
    }
  }
  return out;
}
