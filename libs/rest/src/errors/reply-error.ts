import type { FastifyReply } from 'fastify';
import { noteErrorCode } from './logged-error-codes';
import { RestError } from './rest-error';

/** Ends a request from a hook with a Confluent error body. */
export function replyError(
  reply: FastifyReply,
  error: RestError,
  headers: Record<string, string | string[]> = {},
): FastifyReply {
  noteErrorCode(reply.request.raw, error.logCode ?? error.errorCode);
  return reply.status(error.status).headers(headers).type('application/json').send(error.toBody());
}
