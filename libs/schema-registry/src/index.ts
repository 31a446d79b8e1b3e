/**
 * Schema Registry support (Avro, JSON Schema, Protobuf) for produce and consume: `SchemaSerdes`
 * resolves a request's schema as Confluent's REST Proxy does and reads/writes Confluent's wire
 * format; `SchemaRegistryClient` talks to any Confluent-compatible registry.
 */
export { SchemaRegistryModule, SchemaRegistryReadiness } from './schema-registry.module';
export { SchemaSerdes, DeserializedData, SCHEMA_REGISTRY_OPTIONS } from './schema-serdes';
export {
  SchemaRequest,
  ResolvedSchema,
  checkSchemaRequest,
  schemaRequestOf,
  ProduceDataSchemaFields,
} from './schema-request';
export {
  SchemaFormat,
  SCHEMA_FORMATS,
  SubjectNameStrategy,
  SUBJECT_NAME_STRATEGIES,
  SchemaDefinition,
  SchemaReference,
  RegisteredSchema,
  SchemaById,
  SchemaRegistryOptions,
} from './schema-registry.types';
export { SchemaRegistryClient, CompatibilityLevel } from './client/schema-registry-client';
export { RegistryHttpError, RegistryUnreachableError } from './client/registry-errors';
export { subjectName } from './subject-name-strategy';
export {
  encodeWire,
  decodeWire,
  readSchemaId,
  encodeMessageIndexes,
  decodeMessageIndexes,
  WireRecord,
} from './serde/wire-format';
/** JSON.parse / JSON.stringify with exact integers beyond 2^53 (BigInt), as Jackson. */
export {
  parseJsonExact,
  parseJsonMember,
  stringifyJsonExact,
  stringifyJsonMember,
} from './serde/exact-json';
export { markHolder, markMembers } from './serde/jackson-doubles';
export { checkJsonNesting } from './serde/json-nesting';
export { errorMessage } from './serde/schema-codec';
