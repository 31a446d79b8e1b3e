import type { FastifyInstance } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';
import { resourceName } from './resource-names';

/**
 * Confluent's v3 resources produce application/json only: Jersey answers 406 when `Accept`
 * admits no such type (`application/xml`, `text/plain`, `application/json;q=0`). Our own
 * extensions negotiate for themselves (record streams), and v2 negotiates per route.
 */
export function registerJsonAccept(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const accept = request.headers.accept;
    if (accept === undefined || acceptsJson(accept)) {
      done();
      return;
    }
    const name = resourceName(request.method, request.routeOptions.url ?? '');
    if (name === undefined || !name.startsWith('api.v3.') || name.startsWith('api.v3.ext.')) {
      done();
      return;
    }
    void replyError(reply, new RestError('NOT_ACCEPTABLE'));
  });
}

/** Whether some media range of `accept` with q > 0 covers application/json. */
export function acceptsJson(accept: string): boolean {
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (type !== '*/*' && type !== 'application/*' && type !== 'application/json') {
      continue;
    }
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0 || Number.isNaN(Number(q.slice(2)))) {
      return true;
    }
  }
  // An Accept that names nothing (empty) admits anything.
  return accept.trim() === '';
}
