import { Injectable } from '@nestjs/common';
import { RestError } from '@gateway/rest';
import { BinarySerializer, JsonSerializer, StringSerializer } from './plain-serializers';
import {
  ProduceRequestData,
  RecordSerializer,
  SerializationContext,
  SerializedData,
} from './record-serializer';
import { checkedSchemaRequest } from './schema-request-checks';

/** The key under which the "no type: look the schema up in Schema Registry" serializer registers. */
export const SCHEMA_REGISTRY_LOOKUP = '';

/**
 * The serializers by `type`. BINARY, JSON and STRING are built in; the schema formats register
 * theirs (`register`) from their own module, together with the typeless Schema Registry lookup.
 */
@Injectable()
export class RecordSerializers {
  private readonly byType = new Map<string, RecordSerializer>();

  constructor() {
    [new BinarySerializer(), new JsonSerializer(), new StringSerializer()].forEach((s) =>
      this.register(s),
    );
  }

  register(serializer: RecordSerializer): void {
    this.byType.set(serializer.type, serializer);
  }

  serialize(
    request: ProduceRequestData,
    context: SerializationContext,
  ): SerializedData | Promise<SerializedData> {
    const type = request.type ?? SCHEMA_REGISTRY_LOOKUP;
    const serializer = this.byType.get(type);
    if (serializer !== undefined) {
      return serializer.serialize(request, context);
    }
    if (type === SCHEMA_REGISTRY_LOOKUP || SCHEMA_TYPES.has(type)) {
      // What kafka-rest refuses while reading the record (an unknown subject_name_strategy) comes
      // before the missing registry.
      checkedSchemaRequest(request, context);
      throw RestError.invalidPayload('Schema Registry must be configured when using schemas.');
    }
    throw RestError.badRequest(`Bad Request: Unsupported type: ${type}.`);
  }
}

const SCHEMA_TYPES = new Set(['AVRO', 'JSONSCHEMA', 'PROTOBUF']);
