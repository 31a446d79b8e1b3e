import type { FastifyReply } from 'fastify';
import { RestError } from './rest-error';

/** Ends a request from a hook with a Confluent error body. */
export function replyError(
  reply: FastifyReply,
  error: RestError,
  headers: Record<string, string | string[]> = {},
): FastifyReply {
  return reply.status(error.status).headers(headers).type('application/json').send(error.toBody());
}
