import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestMetricName, RouteTemplate, routeTemplate } from '@gateway/rest';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Counts every response by method, route *template* (never the raw URL: bounded cardinality),
 * status and kafka-rest's endpoint name. Unmatched URLs share the route label `unmatched`. A
 * consume stream is counted when its connection closes, however that happens; every other
 * response when it ends.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: GatewayMetrics): void {
  const count = (
    request: FastifyRequest,
    reply: FastifyReply,
    route: RouteTemplate | undefined,
  ): void => {
    const registered = request.routeOptions.url;
    metrics.httpResponse(
      request.method,
      route?.label ?? 'unmatched',
      reply.raw.statusCode,
      reply.elapsedTime / 1000,
      registered === undefined
        ? undefined
        : requestMetricName(request.method, registered, request.headers),
    );
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const known = routeTemplate(request.routeOptions.url);
    if (known?.consumeStream === true) {
      reply.raw.once('close', () => count(request, reply, known));
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const known = routeTemplate(request.routeOptions.url);
    if (known?.consumeStream !== true) {
      count(request, reply, known);
    }
    done();
  });
}
