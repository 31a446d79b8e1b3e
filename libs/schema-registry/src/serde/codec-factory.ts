import { SchemaDefinition } from '../schema-registry.types';
import { AvroCodec } from './avro-codec';
import { JsonSchemaCodec } from './json-schema-codec';
import { ProtobufCodec } from './protobuf-codec';
import { SchemaCodec } from './schema-codec';

/** Parses a schema of any format; `references` are the referenced schemas' texts. */
export function createCodec(definition: SchemaDefinition, references: string[] = []): SchemaCodec {
  switch (definition.format) {
    case 'AVRO':
      return AvroCodec.parse(definition.schema, references);
    case 'JSONSCHEMA':
      return JsonSchemaCodec.parse(definition.schema, references);
    case 'PROTOBUF':
      return ProtobufCodec.parse(definition.schema, references);
  }
}
