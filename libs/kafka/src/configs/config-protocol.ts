import {
  ConfigResourceTypes,
  describeConfigsV4,
  IncrementalAlterConfigOperationTypes,
  incrementalAlterConfigsV1,
  protocolErrors,
  protocolErrorsCodesById,
} from '@platformatic/kafka';
import { KafkaError, toKafkaError } from '../kafka-errors';
import { ConfigChange, ConfigEntry, ConfigResource, ConfigSource } from './configs.types';

type ProtocolConfig = describeConfigsV4.DescribeConfigsResponseConfig;
type ProtocolChange = incrementalAlterConfigsV1.IncrementalAlterConfigsRequestConfig;

export interface ProtocolResource {
  resourceType: typeof ConfigResourceTypes.TOPIC | typeof ConfigResourceTypes.BROKER;
  resourceName: string;
}

/** A per-resource result of DescribeConfigs or IncrementalAlterConfigs. */
export interface ProtocolResult {
  errorCode: number;
  errorMessage?: string | null;
  resourceType: number;
  resourceName: string;
}

// DescribeConfigs config_source codes, named as the Java admin client's ConfigEntry.ConfigSource.
const SOURCES: Record<number, ConfigSource> = {
  1: 'DYNAMIC_TOPIC_CONFIG',
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  6: 'DYNAMIC_BROKER_LOGGER_CONFIG',
  7: 'DYNAMIC_CLIENT_METRICS_CONFIG',
  8: 'DYNAMIC_GROUP_CONFIG',
};

/** Kafka names broker resources by id; the empty name is the cluster-wide default. */
export function toProtocolResource(resource: ConfigResource): ProtocolResource {
  switch (resource.type) {
    case 'TOPIC':
      return { resourceType: ConfigResourceTypes.TOPIC, resourceName: resource.topicName };
    case 'BROKER':
      return { resourceType: ConfigResourceTypes.BROKER, resourceName: String(resource.brokerId) };
    case 'BROKER_DEFAULTS':
      return { resourceType: ConfigResourceTypes.BROKER, resourceName: '' };
  }
}

/** A broker answers only for its own id, so per-broker resources go to that broker. */
export function targetBroker(resource: ConfigResource): number | undefined {
  return resource.type === 'BROKER' ? resource.brokerId : undefined;
}

export function toConfigSource(code: number): ConfigSource {
  return SOURCES[code] ?? 'UNKNOWN';
}

export function toConfigEntry(config: ProtocolConfig): ConfigEntry {
  const source = toConfigSource(config.configSource);
  return {
    name: config.name,
    // Kafka already hides sensitive values; never let one through regardless.
    value: config.isSensitive ? null : (config.value ?? null),
    // DescribeConfigs v1+ has no is_default flag; the Java client derives it the same way.
    isDefault: source === 'DEFAULT_CONFIG',
    isReadOnly: config.readOnly,
    isSensitive: config.isSensitive,
    source,
    synonyms: config.synonyms.map((s) => ({
      name: s.name,
      value: config.isSensitive ? null : (s.value ?? null),
      source: toConfigSource(s.source),
    })),
  };
}

export function toProtocolChange(change: ConfigChange): ProtocolChange {
  if (change.operation === 'DELETE') {
    return { name: change.name, configOperation: IncrementalAlterConfigOperationTypes.DELETE };
  }
  // The protocol field is nullable; the library's type is narrower than the wire format.
  return {
    name: change.name,
    configOperation: IncrementalAlterConfigOperationTypes.SET,
    value: change.value as string,
  };
}

/** The error of one resource's result, translated; undefined when it succeeded. */
export function resultError(result: ProtocolResult): KafkaError | undefined {
  if (result.errorCode === 0) {
    return undefined;
  }
  const apiId = protocolErrorsCodesById[result.errorCode] ?? 'UNKNOWN_SERVER_ERROR';
  const definition = protocolErrors[apiId] as { message: string; canRetry: boolean } | undefined;
  return toKafkaError({
    apiId,
    // Kafka sends "" as often as null; the Java client then uses the error's default message.
    serverErrorMessage: result.errorMessage === '' ? null : (result.errorMessage ?? null),
    message: definition?.message ?? apiId,
    canRetry: definition?.canRetry ?? false,
  });
}

interface ResponseErrorShape {
  code?: string;
  response?: unknown;
}

/**
 * @platformatic/kafka rejects a whole response when any resource failed; config requests need
 * every resource's own outcome, so this hands back the parsed response either way.
 */
export async function withPerResourceErrors<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const shape = (error ?? {}) as ResponseErrorShape;
    if (shape.code === 'PLT_KFK_RESPONSE' && shape.response !== undefined) {
      return shape.response as T;
    }
    throw error;
  }
}
