import { HttpException } from '@nestjs/common';
import { KafkaError } from '@gateway/kafka';
import { ErrorName } from './error-codes';
import { restErrorFromKafka } from './kafka-error-mapping';
import { RestError } from './rest-error';

interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

// Fastify's own request errors (body parsing, limits, content types), by code.
const FASTIFY_ERRORS: Record<string, ErrorName> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

// Nest's HttpExceptions that carry no message of ours answer with Jersey's wording.
const HTTP_STATUS_ERRORS: Record<number, ErrorName> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Turns anything thrown while serving a request into a RestError, or undefined if unexpected. */
export function toRestError(error: unknown): RestError | undefined {
  if (error instanceof RestError) {
    return error;
  }
  if (error instanceof KafkaError) {
    return restErrorFromKafka(error);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const name = HTTP_STATUS_ERRORS[status];
    return name !== undefined ? new RestError(name) : fromStatus(status, error.message);
  }
  const framework = (error ?? {}) as FrameworkError;
  if (framework.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return RestError.emptyBody();
  }
  const name = framework.code !== undefined ? FASTIFY_ERRORS[framework.code] : undefined;
  if (name !== undefined) {
    return new RestError(name, name === 'BAD_REQUEST' ? framework.message : undefined);
  }
  if (typeof framework.statusCode === 'number' && framework.statusCode < 500) {
    return fromStatus(framework.statusCode, framework.message ?? 'Bad Request');
  }
  return undefined;
}

function fromStatus(status: number, message: string): RestError {
  const error = new RestError(status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', message);
  Object.assign(error, { status, errorCode: status });
  return error;
}
