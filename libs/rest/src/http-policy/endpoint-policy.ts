import type { FastifyInstance } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';
import {
  apiVersion,
  knownResourceNames,
  requestResourceName,
  resourceClassName,
} from './resource-names';

export interface EndpointPolicy {
  /** `api.endpoints.allowlist`: when not empty, only these resource names are served. */
  allowlist: string[];
  /** `api.endpoints.blocklist`: never served (wins over the allowlist). */
  blocklist: string[];
  v2Enabled: boolean;
  v3Enabled: boolean;
}

/**
 * Entries name a method (`api.v3.acls.create`) or a resource class (`api.v3.acls.*`), compared
 * exactly as kafka-rest does: `api.v3.*` names no class and blocks nothing. Our extensions'
 * names (`api.v3.ext.…`) also match by prefix.
 */
function listed(entries: string[], name: string, className: string): boolean {
  return entries.some(
    (entry) =>
      entry === name ||
      entry === className ||
      (entry.startsWith(EXTENSIONS) && entry.endsWith('.*') && name.startsWith(entry.slice(0, -1))),
  );
}

const EXTENSIONS = 'api.v3.ext.';

/** Allow/blocklist entries that name no resource or class (they match nothing). */
export function unknownListEntries(policy: EndpointPolicy): string[] {
  const known = knownResourceNames();
  return [...policy.allowlist, ...policy.blocklist].filter(
    (entry) => !known.has(entry) && !entry.startsWith(EXTENSIONS),
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
    const className = name === undefined ? '' : resourceClassName(method, route, name);
    const blocked =
      name !== undefined &&
      (listed(policy.blocklist, name, className) ||
        (policy.allowlist.length > 0 && !listed(policy.allowlist, name, className)));
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
