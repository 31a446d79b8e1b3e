import type { FastifyInstance } from 'fastify';
import { runAsKafkaCaller } from '@gateway/kafka';

/**
 * Identity propagation: the rest of a request authenticated with a Basic password runs as that
 * caller, so libs/kafka sends its admin calls with the caller's own SASL credentials and Kafka's
 * ACLs decide. Registered after authorization, so both the gateway's rules and Kafka's apply.
 * Other principals (API keys, bearer tokens) have no Kafka password and keep the gateway's.
 */
export function registerIdentityPropagation(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const principal = request.principal;
    if (principal?.method !== 'basic' || principal.password === undefined) {
      done();
      return;
    }
    runAsKafkaCaller({ username: principal.name, password: principal.password }, done);
  });
}
