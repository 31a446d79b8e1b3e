import type { FastifyInstance } from 'fastify';
import { KafkaCallerCredentials, runAsKafkaCaller } from '@gateway/kafka';
import { isProduceRecords } from '../slow-client/streaming-routes';
import type { Principal } from './principal';

/**
 * Identity propagation: the rest of a request authenticated with a Basic password or a bearer
 * token runs as that caller, so libs/kafka connects its admin, produce and consume calls with
 * the caller's own credentials (SASL PLAIN/SCRAM, or OAUTHBEARER with the token) and Kafka's
 * ACLs decide. Registered after authorization, so both the gateway's rules and Kafka's apply.
 * Other principals (API keys, certificates) have no Kafka credentials and keep the gateway's.
 */
export function registerIdentityPropagation(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const caller = kafkaCaller(request.principal);
    if (caller === undefined) {
      done();
      return;
    }
    if (isProduceRecords(request)) {
      // The produce stream reads the body in event listeners, which run in the socket's async
      // context rather than this request's: emit them as the caller too.
      const raw = request.raw;
      const emit = raw.emit.bind(raw);
      raw.emit = ((event: string | symbol, ...args: unknown[]) =>
        runAsKafkaCaller(caller, () => emit(event, ...args))) as typeof raw.emit;
    }
    runAsKafkaCaller(caller, done);
  });
}

function kafkaCaller(principal: Principal | undefined): KafkaCallerCredentials | undefined {
  if (principal?.method === 'basic' && principal.password !== undefined) {
    return { username: principal.name, password: principal.password };
  }
  if (principal?.method === 'bearer' && principal.token !== undefined) {
    return { username: principal.name, token: principal.token };
  }
  return undefined;
}
