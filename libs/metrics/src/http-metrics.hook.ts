import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayMetrics } from './gateway-metrics';

// Responses that usually end when the client leaves: no `finish`, so no onResponse hook.
const STREAM_ROUTE = /\/records:stream$/;

interface RouteLabel {
  /** The template as clients write it: find-my-way's `::` (a literal colon) read back as `:`. */
  label: string;
  stream: boolean;
}

/**
 * Counts every response by method, route *template* (never the raw URL: bounded cardinality)
 * and status. Unmatched URLs share the route label `unmatched`. A consume stream is counted
 * when its connection closes, however that happens; every other response when it ends.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: GatewayMetrics): void {
  const routes = new Map<string, RouteLabel>();
  const routeLabel = (route: string): RouteLabel => {
    let known = routes.get(route);
    if (known === undefined) {
      const label = route.replace(/::/g, ':');
      known = { label, stream: STREAM_ROUTE.test(label) };
      routes.set(route, known);
    }
    return known;
  };
  const count = (request: FastifyRequest, reply: FastifyReply, route: string): void => {
    metrics.httpResponse(request.method, route, reply.raw.statusCode, reply.elapsedTime / 1000);
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    const known = route === undefined ? undefined : routeLabel(route);
    if (known?.stream === true) {
      reply.raw.once('close', () => count(request, reply, known.label));
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    const known = route === undefined ? undefined : routeLabel(route);
    if (known === undefined) {
      count(request, reply, 'unmatched');
    } else if (!known.stream) {
      count(request, reply, known.label);
    }
    done();
  });
}
