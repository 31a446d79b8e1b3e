import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { notedErrorCodes, routeTemplate } from '@gateway/rest';

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
  const log = (request: FastifyRequest, reply: FastifyReply): void => {
    logger.info(
      {
        request_id: request.id,
        method: request.method,
        url: request.url,
        route: routeTemplate(request.routeOptions.url)?.label,
        status: reply.raw.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        remote: request.ip,
        // kafka-rest's REST_ERROR_CODE: what the request answered, counted per code.
        rest_error_codes: notedErrorCodes(request.raw),
      },
      'access',
    );
  };
  // A consume stream usually ends when its client leaves: no `finish`, so no onResponse hook;
  // its line is written when the connection closes.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (routeTemplate(request.routeOptions.url)?.consumeStream === true) {
      reply.raw.once('close', () => log(request, reply));
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (routeTemplate(request.routeOptions.url)?.consumeStream !== true) {
      log(request, reply);
    }
    done();
  });
}
