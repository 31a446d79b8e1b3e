import type { FastifyInstance } from 'fastify';
import {
  registerContentTypeSyntax,
  registerCrossOrigin,
  registerApiSwitches,
  registerEndpointLists,
  registerJsonAccept,
  registerPathIntParams,
  registerResponseHeaders,
  registerMediaTypes,
} from '@gateway/rest';
import { HttpPolicyConfig } from './config/gateway.config';

/**
 * CORS and the extra response headers, as kafka-rest configures them: Jetty's side, in front of
 * authentication (so that 401/403/429 answers carry them).
 */
export function registerHttpPolicy(fastify: FastifyInstance, policy: HttpPolicyConfig): void {
  registerResponseHeaders(fastify, policy.responseHeaders);
  registerMediaTypes(fastify);
  if (policy.cors !== null) {
    registerCrossOrigin(fastify, policy.cors);
  }
}

/**
 * Jersey's side: the endpoint switches and the checks of a request's headers and path
 * parameters. Registered after authentication, as Jersey sees only requests Jetty's security
 * handler let in: a caller without credentials gets 401, not 404, 406 or 400.
 */
export function registerRequestChecks(fastify: FastifyInstance, policy: HttpPolicyConfig): void {
  registerApiSwitches(fastify, policy.endpoints);
  registerContentTypeSyntax(fastify);
  registerJsonAccept(fastify);
  registerEndpointLists(fastify, policy.endpoints);
  registerPathIntParams(fastify);
}
