// Domain types of config administration (KIP-226 / KIP-339), independent of any client library.

/** Where a config value comes from, named as Kafka's Java admin client names it. */
export type ConfigSource =
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'DYNAMIC_CLIENT_METRICS_CONFIG'
  | 'DYNAMIC_GROUP_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'UNKNOWN';

/** The thing whose configs are read or changed. */
export type ConfigResource =
  | { type: 'TOPIC'; topicName: string }
  | { type: 'BROKER'; brokerId: number }
  /** The dynamic defaults shared by every broker of the cluster. */
  | { type: 'BROKER_DEFAULTS' };

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSource;
}

export interface ConfigEntry {
  name: string;
  /** Null when Kafka hides it (sensitive) or has none. */
  value: string | null;
  isDefault: boolean;
  isReadOnly: boolean;
  isSensitive: boolean;
  source: ConfigSource;
  /** Every level the value could come from, highest precedence first. */
  synonyms: ConfigSynonym[];
}

/** One incremental change: SET a value, or DELETE the override (back to the next synonym). */
export type ConfigChange =
  { operation: 'SET'; name: string; value: string | null } | { operation: 'DELETE'; name: string };

export interface TopicConfigChanges {
  topicName: string;
  changes: ConfigChange[];
}
