import type { FastifyInstance } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';
import {
  apiVersion,
  knownResourceNames,
  requestResourceName,
  resourceClassName,
  resourceName,
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
    (entry) => entry === name || entry === className || extensionPrefixMatches(entry, name),
  );
}

const EXTENSIONS = 'api.v3.ext.';

/** An `api.v3.ext.….*` entry covers every extension name it starts. */
function extensionPrefixMatches(entry: string, name: string): boolean {
  return (
    entry.startsWith(EXTENSIONS) && entry.endsWith('.*') && name.startsWith(entry.slice(0, -1))
  );
}

/**
 * Allow/blocklist entries that name no resource or class (they match nothing). `extensionNames`
 * are the names of the extension routes registered (collectExtensionNames): an `api.v3.ext.`
 * entry is known when it is one of them or a `.*` prefix of one.
 */
export function unknownListEntries(
  policy: EndpointPolicy,
  extensionNames: ReadonlySet<string>,
): string[] {
  const known = knownResourceNames();
  const names = [...extensionNames];
  const isExtension = (entry: string): boolean =>
    entry.startsWith(EXTENSIONS) &&
    (extensionNames.has(entry) || names.some((name) => extensionPrefixMatches(entry, name)));
  return [...policy.allowlist, ...policy.blocklist].filter(
    (entry) => !known.has(entry) && !isExtension(entry),
  );
}

/** The names of the extension routes registered from now on (filled as Fastify registers). */
export function collectExtensionNames(fastify: FastifyInstance): Set<string> {
  const names = new Set<string>();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const name = resourceName(method, route.url);
      if (name?.startsWith(EXTENSIONS)) {
        names.add(name);
      }
    }
  });
  return names;
}

/** Whether the API version of a route is switched on (`api.v2.enable`, `api.v3.enable`). */
export function servesApiOf(policy: EndpointPolicy, route: string): boolean {
  const version = apiVersion(route);
  return (version !== 'v2' || policy.v2Enabled) && (version !== 'v3' || policy.v3Enabled);
}

/**
 * `api.v2.enable` / `api.v3.enable`: a disabled version's routes do not exist in kafka-rest, so
 * they answer 404 ahead of any check of the request's headers (OPTIONS: allowed-methods.ts).
 */
export function registerApiSwitches(fastify: FastifyInstance, policy: EndpointPolicy): void {
  if (policy.v2Enabled && policy.v3Enabled) {
    return; // no hook at all: it would run on every request to change nothing
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined || request.method === 'OPTIONS' || servesApiOf(policy, route)) {
      done();
      return;
    }
    void replyError(reply, RestError.notFound());
  });
}

/**
 * `api.endpoints.allowlist` / `.blocklist`: a blocked endpoint answers as if the route did not
 * exist: a blocked GET is 404, any other blocked method (HEAD included: Jersey serves it with the
 * GET resource) 405. kafka-rest blocks in a filter bound to the resource method, which Jersey runs
 * once it has matched the method, so the request's Content-Type and Accept are checked first
 * (register this after them). OPTIONS passes (allowed-methods.ts).
 */
export function registerEndpointLists(fastify: FastifyInstance, policy: EndpointPolicy): void {
  if (policy.allowlist.length === 0 && policy.blocklist.length === 0) {
    return;
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined || request.method === 'OPTIONS') {
      done();
      return;
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const name = requestResourceName(method, route, request.headers);
    const className = name === undefined ? '' : resourceClassName(method, route, name);
    const blocked =
      name !== undefined &&
      (listed(policy.blocklist, name, className) ||
        (policy.allowlist.length > 0 && !listed(policy.allowlist, name, className)));
    if (!blocked) {
      done();
      return;
    }
    void replyError(
      reply,
      request.method === 'GET' ? RestError.notFound() : new RestError('METHOD_NOT_ALLOWED'),
    );
  });
}
