import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';
import { PathIntPipe } from './path-int.pipe';

// The path parameters kafka-rest declares as Integer.
const INT_PARAMS = ['broker_id', 'partition_id'];
const pipe = new PathIntPipe();

/**
 * Jersey converts path parameters before it reads the body: `PUT .../brokers/foobar/configs/x`
 * is 404 whatever the body holds. Nest runs the body pipe first, so routes with such a
 * parameter check it once routed, before the body is parsed; PathIntPipe still converts it.
 */
export function registerPathIntParams(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const names = INT_PARAMS.filter((name) => route.url.includes(`:${name}`));
    if (names.length === 0) {
      return;
    }
    const check = pathIntCheck(names);
    const existing = route.onRequest;
    route.onRequest =
      existing === undefined
        ? [check]
        : [...(Array.isArray(existing) ? existing : [existing]), check];
  });
}

function pathIntCheck(names: string[]): onRequestHookHandler {
  return (request, reply, done) => {
    const params = request.params as Record<string, string | undefined>;
    for (const name of names) {
      try {
        pipe.transform(params[name] ?? '');
      } catch (error) {
        void replyError(reply, error as RestError);
        return;
      }
    }
    done();
  };
}
