import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { KafkaError } from '@gateway/kafka';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes';
import { toRestError } from './error-response';

describe(toRestError.name, () => {
  it.each([
    [new KafkaError('TOPIC_NOT_FOUND', 'gone', false), 404, 40403],
    [new KafkaError('TOPIC_ALREADY_EXISTS', 'x', false), 400, 40002],
    [new KafkaError('BROKER_NOT_AVAILABLE', 'down', true), 503, 50302],
    [new KafkaError('AUTHORIZATION_FAILED', 'no', false), 403, 40301],
    [new KafkaError('RECORD_TOO_LARGE', 'big', false), 413, 413],
    [new KafkaError('UNKNOWN', 'boom', false), 500, 50002],
    [new KafkaError('UNKNOWN', 'again', true), 500, 50003],
  ])('maps %s to %i/%i', (error, status, code) => {
    const rest = toRestError(error);
    expect(rest?.status).toBe(status);
    expect(rest?.toBody()).toEqual({ error_code: code, message: error.message });
  });

  it('maps Nest and Fastify errors to the catalog', () => {
    expect(toRestError(new NotFoundException())?.toBody()).toEqual({
      error_code: 404,
      message: 'HTTP 404 Not Found',
    });
    expect(toRestError(new PayloadTooLargeException())?.status).toBe(413);
    expect(
      toRestError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })?.toBody(),
    ).toEqual({
      error_code: 415,
      message: 'HTTP 415 Unsupported Media Type',
    });
    expect(toRestError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })?.status).toBe(413);
    expect(
      toRestError({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 })?.toBody().error_code,
    ).toBe(42206);
  });

  it('leaves unexpected errors to the generic 500', () => {
    expect(toRestError(new TypeError('bug'))).toBeUndefined();
  });

  it('derives every HTTP status from the error code, as Confluent does, but one', () => {
    for (const [name, entry] of Object.entries(ERROR_CODES)) {
      // kafka-rest raises 40001 as a RestConstraintViolationException, always a 422.
      const expected =
        name === 'INVALID_CONSUMER_CONFIG_CONSTRAINT' ? '422' : String(entry.errorCode).slice(0, 3);
      expect(String(entry.status), name).toBe(expected);
    }
  });
});
