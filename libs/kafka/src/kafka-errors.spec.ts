import { describe, expect, it } from 'vitest';
import { groupRefused, isTopicsRefused, KafkaError, toKafkaError } from './kafka-errors';

const refusal = (apiId: string) =>
  toKafkaError({
    code: 'PLT_KFK_RESPONSE',
    errors: [{ code: 'PLT_KFK_PROTOCOL', apiId, canRetry: false, serverErrorMessage: null }],
  });

describe('authorization failures', () => {
  it("say what Kafka's code means where nothing names the topics or the group", () => {
    expect(refusal('TOPIC_AUTHORIZATION_FAILED')).toEqual(
      new KafkaError(
        'AUTHORIZATION_FAILED',
        'Not authorized to access topics: [Topic authorization failed]',
        false,
      ),
    );
    expect(refusal('GROUP_AUTHORIZATION_FAILED').message).toBe('Group authorization failed.');
    expect(isTopicsRefused(refusal('TOPIC_AUTHORIZATION_FAILED'))).toBe(true);
    expect(isTopicsRefused(refusal('GROUP_AUTHORIZATION_FAILED'))).toBe(false);
  });

  it('name the group where the Java consumer does, and leave other errors alone', () => {
    expect(groupRefused(refusal('GROUP_AUTHORIZATION_FAILED'), 'orders-app')).toEqual(
      new KafkaError('AUTHORIZATION_FAILED', 'Not authorized to access group: orders-app', false),
    );
    const topics = refusal('TOPIC_AUTHORIZATION_FAILED');
    expect(groupRefused(topics, 'orders-app')).toBe(topics);
  });
});

describe(toKafkaError.name, () => {
  it('translates kafkajs protocol errors by type, keeping retriable', () => {
    const error = toKafkaError({
      name: 'KafkaJSProtocolError',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      retriable: true,
      message: 'm',
    });
    expect(error).toEqual(new KafkaError('TOPIC_NOT_FOUND', 'm', true));
    expect(error.retriable).toBe(true);
  });

  it('translates @platformatic/kafka response errors and prefers the server message', () => {
    const error = toKafkaError({
      code: 'PLT_KFK_RESPONSE',
      errors: [
        {
          code: 'PLT_KFK_PROTOCOL',
          apiId: 'TOPIC_ALREADY_EXISTS',
          canRetry: false,
          serverErrorMessage: "Topic 't' already exists.",
        },
      ],
    });
    expect(error.kind).toBe('TOPIC_ALREADY_EXISTS');
    expect(error.message).toBe("Topic 't' already exists.");
  });

  it('treats connection failures as an unavailable broker', () => {
    expect(
      toKafkaError({
        name: 'KafkaJSNumberOfRetriesExceeded',
        cause: { name: 'KafkaJSConnectionError', message: 'ECONNREFUSED' },
      }).kind,
    ).toBe('BROKER_NOT_AVAILABLE');
    expect(
      toKafkaError({
        code: 'PLT_KFK_MULTIPLE',
        errors: [{ code: 'PLT_KFK_NETWORK', message: 'refused' }],
      }).kind,
    ).toBe('BROKER_NOT_AVAILABLE');
  });

  it('finds a refused SASL login under the connection failure the clients report', () => {
    const platformatic = {
      code: 'PLT_KFK_MULTIPLE',
      errors: [{ code: 'PLT_KFK_NETWORK', cause: { code: 'PLT_KFK_AUTHENTICATION' } }],
    };
    const kafkajs = {
      name: 'KafkaJSNumberOfRetriesExceeded',
      originalError: { name: 'KafkaJSSASLAuthenticationError', message: 'SASL SCRAM failed' },
    };
    for (const error of [platformatic, kafkajs]) {
      expect(toKafkaError(error).kind).toBe('AUTHENTICATION_FAILED');
    }
  });

  it("keeps an error code it does not name with Kafka's message and retriability", () => {
    const notController = {
      code: 'PLT_KFK_PROTOCOL',
      apiId: 'NOT_CONTROLLER',
      canRetry: true,
      message: 'This is not the correct controller for this cluster.',
      serverErrorMessage: null,
    };
    const expected = new KafkaError('UNKNOWN', notController.message, true);
    expect(toKafkaError({ code: 'PLT_KFK_RESPONSE', errors: [notController] })).toEqual(expected);
    // Retries that gave up on it are not an unreachable broker.
    expect(toKafkaError({ code: 'PLT_KFK_MULTIPLE', errors: [notController] })).toEqual(expected);
    expect(
      toKafkaError({
        name: 'KafkaJSNumberOfRetriesExceeded',
        originalError: { type: 'REQUEST_TIMED_OUT', retriable: true, message: 'timed out' },
      }),
    ).toEqual(new KafkaError('UNKNOWN', 'timed out', true));
  });

  it('keeps anything else as UNKNOWN with its message', () => {
    expect(toKafkaError(new Error('weird'))).toEqual(new KafkaError('UNKNOWN', 'weird', false));
  });
});
