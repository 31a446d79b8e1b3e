import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { RestError } from '@gateway/rest';
import { SCHEMA_FORMATS, SchemaSerdes } from '@gateway/schema-registry';
import {
  ProduceRequestData,
  RecordSerializer,
  SerializationContext,
  SerializedData,
} from './record-serializer';
import { RecordSerializers, SCHEMA_REGISTRY_LOOKUP } from './record-serializers';
import { checkedSchemaRequest, withTitle } from './schema-request-checks';

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
    const schemaRequest = checkedSchemaRequest(request, context);
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
