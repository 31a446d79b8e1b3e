import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayMetrics } from './gateway-metrics';

// Responses that usually end when the client leaves: no `finish`, so no onResponse hook.
const STREAM_ROUTE = /\/records::?stream$/;

/**
 * Counts every response by method, route *template* (never the raw URL: bounded cardinality)
 * and status. Unmatched URLs share the route label `unmatched`. A consume stream is counted
 * when its connection closes, however that happens; every other response when it ends.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: GatewayMetrics): void {
  const streamRoutes = new Map<string, boolean>();
  const isStream = (route: string): boolean => {
    let stream = streamRoutes.get(route);
    if (stream === undefined) {
      stream = STREAM_ROUTE.test(route);
      streamRoutes.set(route, stream);
    }
    return stream;
  };
  const count = (request: FastifyRequest, reply: FastifyReply, route: string): void => {
    metrics.httpResponse(request.method, route, reply.raw.statusCode, reply.elapsedTime / 1000);
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route !== undefined && isStream(route)) {
      reply.raw.once('close', () => count(request, reply, route));
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (!isStream(route)) {
      count(request, reply, route);
    }
    done();
  });
}
