import { describe, expect, it } from 'vitest';
import { KafkaError } from '../kafka-errors';
import {
  resultError,
  targetBroker,
  toConfigEntry,
  toConfigSource,
  toProtocolChange,
  toProtocolResource,
  withPerResourceErrors,
} from './config-protocol';

const TOPIC = 2;
const BROKER = 4;

function protocolConfig(overrides: Partial<Parameters<typeof toConfigEntry>[0]> = {}) {
  return {
    name: 'cleanup.policy',
    value: 'compact',
    readOnly: false,
    configSource: 1,
    isSensitive: false,
    synonyms: [
      { name: 'cleanup.policy', value: 'compact', source: 1 },
      { name: 'log.cleanup.policy', value: 'delete', source: 5 },
    ],
    configType: 2,
    documentation: null,
    ...overrides,
  } as Parameters<typeof toConfigEntry>[0];
}

describe(toProtocolResource.name, () => {
  it('names topics by name, brokers by id and the cluster-wide default by ""', () => {
    expect(toProtocolResource({ type: 'TOPIC', topicName: 't' })).toEqual({
      resourceType: TOPIC,
      resourceName: 't',
    });
    expect(toProtocolResource({ type: 'BROKER', brokerId: 3 })).toEqual({
      resourceType: BROKER,
      resourceName: '3',
    });
    expect(toProtocolResource({ type: 'BROKER_DEFAULTS' })).toEqual({
      resourceType: BROKER,
      resourceName: '',
    });
  });
});

describe(targetBroker.name, () => {
  it('sends only per-broker resources to a given broker', () => {
    expect(targetBroker({ type: 'BROKER', brokerId: 2 })).toBe(2);
    expect(targetBroker({ type: 'BROKER_DEFAULTS' })).toBeUndefined();
    expect(targetBroker({ type: 'TOPIC', topicName: 't' })).toBeUndefined();
  });
});

describe(toConfigSource.name, () => {
  it('names every protocol code as the Java client does, and unknown codes UNKNOWN', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 42].map(toConfigSource)).toEqual([
      'UNKNOWN',
      'DYNAMIC_TOPIC_CONFIG',
      'DYNAMIC_BROKER_CONFIG',
      'DYNAMIC_DEFAULT_BROKER_CONFIG',
      'STATIC_BROKER_CONFIG',
      'DEFAULT_CONFIG',
      'DYNAMIC_BROKER_LOGGER_CONFIG',
      'DYNAMIC_CLIENT_METRICS_CONFIG',
      'DYNAMIC_GROUP_CONFIG',
      'UNKNOWN',
    ]);
  });
});

describe(toConfigEntry.name, () => {
  it('maps a described config with its synonyms', () => {
    expect(toConfigEntry(protocolConfig())).toEqual({
      name: 'cleanup.policy',
      value: 'compact',
      isDefault: false,
      isReadOnly: false,
      isSensitive: false,
      source: 'DYNAMIC_TOPIC_CONFIG',
      synonyms: [
        { name: 'cleanup.policy', value: 'compact', source: 'DYNAMIC_TOPIC_CONFIG' },
        { name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' },
      ],
    });
  });

  it('derives is_default from the source, as the Java client does', () => {
    expect(toConfigEntry(protocolConfig({ configSource: 5 })).isDefault).toBe(true);
    expect(toConfigEntry(protocolConfig({ configSource: 4 })).isDefault).toBe(false);
  });

  it('never exposes a sensitive value, not even in synonyms', () => {
    const entry = toConfigEntry(
      protocolConfig({
        name: 'ssl.key.password',
        value: 'secret',
        isSensitive: true,
        configSource: 2,
        synonyms: [{ name: 'ssl.key.password', value: 'secret', source: 2 }],
      }),
    );
    expect(entry.value).toBeNull();
    expect(entry.synonyms).toEqual([
      { name: 'ssl.key.password', value: null, source: 'DYNAMIC_BROKER_CONFIG' },
    ]);
  });
});

describe(toProtocolChange.name, () => {
  it('maps SET with its value and DELETE without one', () => {
    expect(toProtocolChange({ operation: 'SET', name: 'a', value: '1' })).toEqual({
      name: 'a',
      configOperation: 0,
      value: '1',
    });
    expect(toProtocolChange({ operation: 'DELETE', name: 'a' })).toEqual({
      name: 'a',
      configOperation: 1,
    });
  });
});

describe(resultError.name, () => {
  const result = { resourceType: TOPIC, resourceName: 't' };

  it('is undefined for a successful resource', () => {
    expect(resultError({ ...result, errorCode: 0, errorMessage: null })).toBeUndefined();
  });

  it('translates the code and keeps the server message', () => {
    expect(resultError({ ...result, errorCode: 40, errorMessage: 'Invalid value x' })).toEqual(
      new KafkaError('BAD_REQUEST', 'Invalid value x', false),
    );
  });

  it('uses the default message when the server sends an empty one', () => {
    const error = resultError({ ...result, errorCode: 3, errorMessage: '' });
    expect(error?.kind).toBe('TOPIC_NOT_FOUND');
    expect(error?.message).toBe('This server does not host this topic-partition.');
  });
});

describe(withPerResourceErrors.name, () => {
  it('hands back the parsed response of a response with per-resource errors', async () => {
    const response = { results: [{ errorCode: 3 }] };
    const failure = Object.assign(new Error('x'), { code: 'PLT_KFK_RESPONSE', response });
    await expect(withPerResourceErrors(Promise.reject(failure))).resolves.toBe(response);
  });

  it('rethrows any other failure', async () => {
    const failure = Object.assign(new Error('down'), { code: 'PLT_KFK_NETWORK' });
    await expect(withPerResourceErrors(Promise.reject(failure))).rejects.toBe(failure);
  });
});
