import { ConfigChange, ConfigEntry, ConfigSource } from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import { AbstractConfigData, AlterConfigEntry, ConfigSourceData } from './abstract-config.dto';

type ConfigFields = Omit<AbstractConfigData, 'kind' | 'metadata'>;

// kafka-rest maps the Java client's source by name and answers UNKNOWN for names it lacks.
const SOURCES: Record<ConfigSource, ConfigSourceData> = {
  DYNAMIC_TOPIC_CONFIG: 'DYNAMIC_TOPIC_CONFIG',
  DYNAMIC_BROKER_LOGGER_CONFIG: 'DYNAMIC_BROKER_LOGGER_CONFIG',
  DYNAMIC_BROKER_CONFIG: 'DYNAMIC_BROKER_CONFIG',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  DYNAMIC_CLIENT_METRICS_CONFIG: 'UNKNOWN',
  DYNAMIC_GROUP_CONFIG: 'DYNAMIC_GROUP_CONFIG',
  STATIC_BROKER_CONFIG: 'STATIC_BROKER_CONFIG',
  DEFAULT_CONFIG: 'DEFAULT_CONFIG',
  UNKNOWN: 'UNKNOWN',
};

/** The fields every config kind shares, in kafka-rest's order. */
export function toConfigFields(clusterId: string, config: ConfigEntry): ConfigFields {
  return {
    cluster_id: clusterId,
    name: config.name,
    value: config.value,
    is_default: config.isDefault,
    is_read_only: config.isReadOnly,
    is_sensitive: config.isSensitive,
    source: SOURCES[config.source],
    synonyms: config.synonyms.map((s) => ({
      name: s.name,
      value: s.value,
      source: SOURCES[s.source],
    })),
  };
}

export function toConfigChanges(entries: AlterConfigEntry[]): ConfigChange[] {
  return entries.map((e) =>
    e.operation === 'DELETE'
      ? { operation: 'DELETE', name: e.name }
      : { operation: 'SET', name: e.name, value: e.value ?? null },
  );
}

/**
 * kafka-rest's "safe" writes: every config a write names must already exist on the resource,
 * otherwise 404 "Config x cannot be found for TOPIC t in cluster c." (Java ConfigResource.Type).
 */
export function requireConfigNames(
  configs: ConfigEntry[],
  names: string[],
  resource: { type: 'TOPIC' | 'BROKER'; name: string | number; clusterId: string },
): void {
  const known = new Set(configs.map((c) => c.name));
  const missing = names.find((n) => !known.has(n));
  if (missing !== undefined) {
    throw new RestError(
      'NOT_FOUND',
      `Config ${missing} cannot be found for ${resource.type} ${resource.name} in cluster ${resource.clusterId}.`,
    );
  }
}

/** The config called `name`, or the plain 404 kafka-rest answers for a missing one. */
export function findConfig(configs: ConfigEntry[], name: string): ConfigEntry {
  const config = configs.find((c) => c.name === name);
  if (config === undefined) {
    throw RestError.notFound();
  }
  return config;
}
