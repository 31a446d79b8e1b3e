import type { FastifyInstance } from 'fastify';
import { RestError } from '../errors/rest-error';
import { PathIntPipe } from './path-int.pipe';

// The path parameters kafka-rest declares as Integer.
const INT_PARAMS = ['broker_id', 'partition_id'];
const pipe = new PathIntPipe();

/**
 * Jersey converts path parameters before it reads the body: `PUT .../brokers/foobar/configs/x`
 * is 404 whatever the body holds. Nest runs the body pipe first, so the check is made here,
 * once routed and before the body is parsed; PathIntPipe still converts in the handler.
 */
export function registerPathIntParams(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const params = request.params as Record<string, string | undefined>;
    for (const name of INT_PARAMS) {
      const value = params[name];
      if (value === undefined) {
        continue;
      }
      try {
        pipe.transform(value);
      } catch (error) {
        const rest = error as RestError;
        void reply.status(rest.status).type('application/json').send(rest.toBody());
        return;
      }
    }
    done();
  });
}
