import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeTemplate } from '@gateway/rest';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Counts every response by method, route *template* (never the raw URL: bounded cardinality)
 * and status. Unmatched URLs share the route label `unmatched`. A consume stream is counted
 * when its connection closes, however that happens; every other response when it ends.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: GatewayMetrics): void {
  const count = (request: FastifyRequest, reply: FastifyReply, route: string): void => {
    metrics.httpResponse(request.method, route, reply.raw.statusCode, reply.elapsedTime / 1000);
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const known = routeTemplate(request.routeOptions.url);
    if (known?.consumeStream === true) {
      reply.raw.once('close', () => count(request, reply, known.label));
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const known = routeTemplate(request.routeOptions.url);
    if (known === undefined) {
      count(request, reply, 'unmatched');
    } else if (!known.consumeStream) {
      count(request, reply, known.label);
    }
    done();
  });
}
