import type { FastifyInstance } from 'fastify';
import { KafkaCallerCredentials, runAsKafkaCaller } from '@gateway/kafka';
import { isProduceRecords } from '../slow-client/streaming-routes';

/**
 * Identity propagation: the rest of a request authenticated with a Basic password runs as that
 * caller, so libs/kafka sends its admin and produce calls with the caller's own SASL credentials
 * and Kafka's ACLs decide (consumers keep the gateway's identity). Registered after authorization, so both the gateway's rules and Kafka's apply.
 * Other principals (API keys, bearer tokens) have no Kafka password and keep the gateway's.
 */
export function registerIdentityPropagation(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const principal = request.principal;
    if (principal?.method !== 'basic' || principal.password === undefined) {
      done();
      return;
    }
    const caller: KafkaCallerCredentials = {
      username: principal.name,
      password: principal.password,
    };
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
