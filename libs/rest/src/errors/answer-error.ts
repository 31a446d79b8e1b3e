import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toRestError } from './error-response';
import { replyError } from './reply-error';
import { RestError } from './rest-error';

/**
 * Answers a request whose handler failed: {"error_code": N, "message": "..."}, or a generic
 * 500 logged once with the request id. Used by the exception filter and by the routes
 * registered on Fastify directly.
 */
export function answerError(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService,
): void {
  let error = toRestError(exception);
  if (error === undefined) {
    logger.error(
      `Unhandled error on ${request.method} ${request.url} (request ${request.id})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    error = new RestError('INTERNAL_SERVER_ERROR');
  }
  if (reply.sent || reply.raw.headersSent) {
    // A streaming response already started: the status line is gone, so just end it.
    reply.raw.end();
    return;
  }
  void replyError(reply, error);
}
