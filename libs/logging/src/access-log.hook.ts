import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * One access line per request with its id; the id (the client's X-Request-Id, or a generated
 * one) is echoed in the response so a client can quote it. Headers are not logged.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  if (!logger.isLevelEnabled('info')) {
    return; // the access line is at info: below the level, skip building it per request
  }
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        request_id: request.id,
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        remote: request.ip,
      },
      'access',
    );
    done();
  });
}
