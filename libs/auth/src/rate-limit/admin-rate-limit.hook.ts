import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RATE_LIMIT_LOG_CODES, replyError, requestResourceName, RestError } from '@gateway/rest';
import type { RateLimitOptions } from './rate-limit.options';
import { CappedLimiters } from './capped-limiters';
import { TokenBucket } from './token-bucket';

// Produce has its own limiter (`api.v3.produce.rate.limit.*`); kafka-rest marks it @DoNotRateLimit.
const PRODUCE = /^api\.(v3\.(produce|batch-produce)|v2\.produce-to-)/;
const MAX_PRINCIPALS = 10_000;

/**
 * Admin requests spend `cost` permits from the global bucket, from their cluster's (requests
 * naming a cluster id) and from the caller's own; when one is short the answer is 429 with
 * Retry-After (seconds). Health, metrics and produce are
 * not limited here.
 */
export function registerAdminRateLimit(fastify: FastifyInstance, options: RateLimitOptions): void {
  const global = new TokenBucket(options.permitsPerSecond);
  const buckets = (perSecond: number) =>
    new CappedLimiters(
      MAX_PRINCIPALS,
      () => new TokenBucket(perSecond),
      (b) => b.idle,
    );
  const perCluster = buckets(options.perClusterPermitsPerSecond);
  const perPrincipal = buckets(options.perPrincipalPermitsPerSecond);

  fastify.addHook('onRequest', (request, reply, done) => {
    // HEAD runs the GET handler, so it costs what GET costs.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const name = requestResourceName(method, request.routeOptions.url ?? '', request.headers);
    const cost = name === undefined || PRODUCE.test(name) ? 0 : costOf(name, options);
    if (cost === 0) {
      done();
      return;
    }
    const clusterId = (request.params as { cluster_id?: string } | undefined)?.cluster_id;
    const cluster = clusterId === undefined ? undefined : perCluster.of(clusterId);
    const own =
      options.perPrincipalPermitsPerSecond > 0 ? perPrincipal.of(callerOf(request)) : undefined;
    const clusterWaitMs = cluster?.waitMs(cost) ?? 0;
    const waitMs = Math.max(global.waitMs(cost), clusterWaitMs, own?.waitMs(cost) ?? 0);
    if (waitMs > 0) {
      // The request log says which limit (kafka-rest: 429006 per cluster, else 429005).
      const logCode =
        clusterWaitMs > 0 ? RATE_LIMIT_LOG_CODES.adminCluster : RATE_LIMIT_LOG_CODES.adminGlobal;
      void replyError(reply, new RestError('ADMIN_RATE_LIMITED').loggedAs(logCode), {
        'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
      });
      return;
    }
    global.take(cost);
    cluster?.take(cost);
    own?.take(cost);
    done();
  });
}

/** The method's own entry, else its class (`api.v3.topics.*`), else the default. */
export function costOf(
  name: string,
  options: Pick<RateLimitOptions, 'costs' | 'defaultCost'>,
): number {
  if (options.costs[name] !== undefined) {
    return options.costs[name];
  }
  const classes = Object.keys(options.costs)
    .filter((key) => key.endsWith('.*') && name.startsWith(key.slice(0, -1)))
    .sort((a, b) => b.length - a.length);
  return classes.length > 0 ? options.costs[classes[0]] : options.defaultCost;
}

function callerOf(request: FastifyRequest): string {
  return request.principal !== undefined
    ? `principal:${request.principal.name}`
    : `ip:${request.ip}`;
}
