import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * What Jersey answers for a path that exists under other methods: OPTIONS is 200 with an
 * `Allow` header (kafka-rest's accesslist tests rely on it), any other method 405. Fastify only
 * knows "no route", so the routes are mirrored in a router of their own that is asked only for
 * requests Fastify did not match. CORS preflights are answered before this (cross-origin.ts).
 * Routes of a switched-off API version are left out: kafka-rest does not register their
 * resources at all, so every method there is a 404.
 */
export function registerAllowedMethods(
  fastify: FastifyInstance,
  routerOptions: { ignoreTrailingSlash: boolean; maxParamLength: number },
  served: (route: string) => boolean,
): void {
  const routes = FindMyWay(routerOptions);
  fastify.addHook('onRoute', (route) => {
    if (!served(route.url)) {
      return;
    }
    for (const method of [route.method].flat()) {
      if (
        METHODS.includes(method as HTTPMethod) &&
        routes.find(method as HTTPMethod, route.url) === null
      ) {
        routes.on(method as HTTPMethod, route.url, () => undefined);
      }
    }
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) {
      done();
      return;
    }
    const path = request.url.split('?')[0];
    const allowed = METHODS.filter((m) => routes.find(m, path) !== null);
    if (allowed.length === 0) {
      done();
      return;
    }
    const allow = [...allowed, 'OPTIONS'].join(', ');
    if (request.method === 'OPTIONS') {
      void reply.status(200).header('Allow', allow).type('text/plain').send(allow);
      return;
    }
    void replyError(reply, new RestError('METHOD_NOT_ALLOWED'), { Allow: allow });
  });
}
