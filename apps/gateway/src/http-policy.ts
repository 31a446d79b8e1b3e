import type { FastifyInstance } from 'fastify';
import {
  registerContentTypeSyntax,
  registerCrossOrigin,
  registerEndpointPolicy,
  registerJsonAccept,
  registerPathIntParams,
  registerResponseHeaders,
  registerMediaTypes,
} from '@gateway/rest';
import { HttpPolicyConfig } from './config/gateway.config';

/** CORS, extra response headers and the endpoint switches, as kafka-rest configures them. */
export function registerHttpPolicy(fastify: FastifyInstance, policy: HttpPolicyConfig): void {
  registerEndpointPolicy(fastify, policy.endpoints);
  registerResponseHeaders(fastify, policy.responseHeaders);
  registerMediaTypes(fastify);
  registerContentTypeSyntax(fastify);
  registerJsonAccept(fastify);
  registerPathIntParams(fastify);
  if (policy.cors !== null) {
    registerCrossOrigin(fastify, policy.cors);
  }
}
