import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Streaming produce reads `request.raw` itself, while the client may still be sending. This
 * preParsing hook hands Fastify's body parser an empty stream for that one route, so the
 * request body stays untouched (and unbounded by bodyLimit); other routes keep their parsers.
 */
export function keepRawBodyForStreamingProduce(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (!isStreamingProduce(request)) {
      done(null, payload);
      return;
    }
    // Fastify would check the (unread) body against Content-Length and bodyLimit.
    delete request.headers['content-length'];
    done(null, Readable.from([]));
  });
}

function isStreamingProduce(request: FastifyRequest): boolean {
  return request.method === 'POST' && (request.routeOptions.url ?? '').endsWith('/records');
}
