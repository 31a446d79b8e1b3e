import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toRestError } from './error-response';
import { replyError } from './reply-error';
import { RestError } from './rest-error';

/**
 * The single exception filter: every error leaves as {"error_code": N, "message": "..."}.
 * Unexpected errors are logged once with the request id and answered with a generic 500.
 */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RestExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    let error = toRestError(exception);
    if (error === undefined) {
      this.logger.error(
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
}
