import { z } from 'zod';
import { javaBoolean, kafkaString, nullableField } from '@gateway/rest';
import { ResourceEnvelope } from '../resource-envelope';

// Wire shapes shared by topic, broker and cluster configs (the spec's AbstractConfigData family).

/** The spec's ConfigSource (an x-extensible-enum). */
export type ConfigSourceData =
  | 'DYNAMIC_CLUSTER_LINK_CONFIG'
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'DYNAMIC_GROUP_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'UNKNOWN';

export interface ConfigSynonymData {
  name: string;
  value: string | null;
  source: ConfigSourceData;
}

export interface AbstractConfigData extends ResourceEnvelope {
  cluster_id: string;
  name: string;
  value: string | null;
  is_default: boolean;
  is_read_only: boolean;
  is_sensitive: boolean;
  source: ConfigSourceData;
  synonyms: ConfigSynonymData[];
}

/**
 * At most this many config entries per list: Kafka has a few hundred config names, and a broker
 * reading a request of 300,000 (duplicate) entries spent minutes on it, answering no one else.
 */
export const MAX_CONFIG_ENTRIES = 1000;

/** A list of at most MAX_CONFIG_ENTRIES entries. */
export function configList<T extends z.ZodTypeAny>(entry: T) {
  return z.array(entry).max(MAX_CONFIG_ENTRIES);
}

export const AlterConfigEntry = z
  .object({
    name: kafkaString(),
    value: kafkaString().nullable().optional(),
    // kafka-rest's AlterOperation enum; absent or null means SET.
    operation: z.enum(['SET', 'DELETE']).nullable().optional(),
  })
  .strict();
export type AlterConfigEntry = z.infer<typeof AlterConfigEntry>;

/** Body of `POST .../configs:alter` (the spec's AlterConfigBatchRequestData). */
export const AlterConfigBatchRequest = z
  .object({ data: configList(AlterConfigEntry), validate_only: nullableField(javaBoolean()) })
  .strict();
export type AlterConfigBatchRequest = z.infer<typeof AlterConfigBatchRequest>;

/** Body of `PUT .../configs/{name}` (the spec's UpdateConfigRequestData). */
export const UpdateConfigRequest = z
  .object({ value: kafkaString().nullable().optional() })
  .strict();
export type UpdateConfigRequest = z.infer<typeof UpdateConfigRequest>;
