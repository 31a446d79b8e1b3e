import type { FastifyInstance } from 'fastify';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Counts every response by method, route *template* (never the raw URL: bounded cardinality)
 * and status. Unmatched URLs share the route label `unmatched`.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: GatewayMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
