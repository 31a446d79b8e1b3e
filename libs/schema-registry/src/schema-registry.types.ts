/** The schema formats of Confluent's v3 produce API (`type`) and v2 embedded formats. */
export type SchemaFormat = 'AVRO' | 'JSONSCHEMA' | 'PROTOBUF';

export const SCHEMA_FORMATS: readonly SchemaFormat[] = ['AVRO', 'JSONSCHEMA', 'PROTOBUF'];

/** Confluent's `subject_name_strategy` values. */
export type SubjectNameStrategy = 'TOPIC_NAME' | 'RECORD_NAME' | 'TOPIC_RECORD_NAME';

export const SUBJECT_NAME_STRATEGIES: readonly SubjectNameStrategy[] = [
  'TOPIC_NAME',
  'RECORD_NAME',
  'TOPIC_RECORD_NAME',
];

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** A schema as text, before or without registration. */
export interface SchemaDefinition {
  format: SchemaFormat;
  schema: string;
  references: SchemaReference[];
}

/** A schema with its registry identity (what a produce receipt reports). */
export interface RegisteredSchema extends SchemaDefinition {
  subject: string;
  id: number;
  version: number;
}

/** A registered schema by id only (an id may be registered under several subjects). */
export interface SchemaById extends SchemaDefinition {
  id: number;
}

/** Connection settings; built by the app from the KAFKA_REST_SCHEMA_REGISTRY_* settings. */
export interface SchemaRegistryOptions {
  /** Base URLs tried in order (e.g. http://host:8081 or http://host/apis/ccompat/v7). */
  urls: string[];
  basicAuth?: { username: string; password: string };
  /** PEM contents (not paths). */
  tls?: { ca?: string; cert?: string; key?: string; passphrase?: string; checkHostname: boolean };
  /** Per HTTP request (default 10 s). */
  requestTimeoutMs?: number;
  /** How many schemas (by id) and subject versions to keep (default 1000 each). */
  cacheSize?: number;
}
