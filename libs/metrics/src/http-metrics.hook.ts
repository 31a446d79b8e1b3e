import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayMetrics } from './gateway-metrics';

// Responses that usually end when the client leaves: no `finish`, so no onResponse hook.
const STREAM_ROUTE = /\/records::?stream$/;

/**
 * Counts every response by method, route *template* (never the raw URL: bounded cardinality)
 * and status. Unmatched URLs share the route label `unmatched`. A consume stream is counted
 * when its connection closes, however that happens.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: GatewayMetrics): void {
  const counted = new WeakSet<FastifyRequest>();
  const count = (request: FastifyRequest, reply: FastifyReply): void => {
    if (counted.has(request)) {
      return;
    }
    counted.add(request);
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.raw.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    if (STREAM_ROUTE.test(request.routeOptions.url ?? '')) {
      reply.raw.once('close', () => count(request, reply));
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    count(request, reply);
    done();
  });
}
