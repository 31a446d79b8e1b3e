import type { FastifyInstance } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';
import { apiVersion, requestResourceName } from './resource-names';

export interface EndpointPolicy {
  /** `api.endpoints.allowlist`: when not empty, only these resource names are served. */
  allowlist: string[];
  /** `api.endpoints.blocklist`: never served (wins over the allowlist). */
  blocklist: string[];
  v2Enabled: boolean;
  v3Enabled: boolean;
}

/** `api.v3.acls.*` matches a whole resource class, anything else one method. */
function matches(entries: string[], name: string): boolean {
  return entries.some((entry) =>
    entry.endsWith('.*') ? name.startsWith(entry.slice(0, -1)) : entry === name,
  );
}

/** Whether the API version of a route is switched on (`api.v2.enable`, `api.v3.enable`). */
export function servesApiOf(policy: EndpointPolicy, route: string): boolean {
  const version = apiVersion(route);
  return (version !== 'v2' || policy.v2Enabled) && (version !== 'v3' || policy.v3Enabled);
}

/**
 * Confluent's endpoint switches: a disabled API version or a blocked endpoint answers as if the
 * route did not exist: a blocked GET is 404, any other blocked method (HEAD included: Jersey
 * serves it with the GET resource) 405. OPTIONS passes unless the whole version is off
 * (allowed-methods.ts does not see those routes).
 */
export function registerEndpointPolicy(fastify: FastifyInstance, policy: EndpointPolicy): void {
  const servesAll =
    policy.v2Enabled &&
    policy.v3Enabled &&
    policy.allowlist.length === 0 &&
    policy.blocklist.length === 0;
  if (servesAll) {
    return; // no hook at all: it would run on every request to change nothing
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined || request.method === 'OPTIONS') {
      done();
      return;
    }
    const disabled = !servesApiOf(policy, route);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const name = requestResourceName(method, route, request.headers);
    const blocked =
      name !== undefined &&
      (matches(policy.blocklist, name) ||
        (policy.allowlist.length > 0 && !matches(policy.allowlist, name)));
    if (!disabled && !blocked) {
      done();
      return;
    }
    const error =
      disabled || request.method === 'GET'
        ? RestError.notFound()
        : new RestError('METHOD_NOT_ALLOWED');
    void replyError(reply, error);
  });
}
