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
    const length = request.headers['content-length'];
    if (length !== undefined) {
      (request.raw as RawWithLength)[DECLARED_LENGTH] = Number(length);
      delete request.headers['content-length'];
    }
    done(null, Readable.from([]));
  });
}

export const DECLARED_LENGTH = Symbol('declaredContentLength');
export type RawWithLength = { [DECLARED_LENGTH]?: number };

/** The request's Content-Length (taken off the headers by the hook), if it had one. */
export function declaredLength(raw: object): number | undefined {
  return (raw as RawWithLength)[DECLARED_LENGTH];
}

function isStreamingProduce(request: FastifyRequest): boolean {
  return request.method === 'POST' && (request.routeOptions.url ?? '').endsWith('/records');
}
