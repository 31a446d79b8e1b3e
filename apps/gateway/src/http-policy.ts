import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import {
  registerEndpointPolicy,
  registerJsonAccept,
  registerPathIntParams,
  registerResponseHeaders,
  registerMediaTypes,
} from '@gateway/rest';
import { HttpPolicyConfig } from './config/gateway.config';

// Jetty CrossOriginFilter's defaults, which kafka-rest inherits when the lists are empty.
const DEFAULT_CORS_METHODS = ['GET', 'POST', 'HEAD'];
const DEFAULT_CORS_HEADERS = ['X-Requested-With', 'Content-Type', 'Accept', 'Origin'];

/** CORS, extra response headers and the endpoint switches, as kafka-rest configures them. */
export function registerHttpPolicy(fastify: FastifyInstance, policy: HttpPolicyConfig): void {
  registerEndpointPolicy(fastify, policy.endpoints);
  registerResponseHeaders(fastify, policy.responseHeaders);
  registerMediaTypes(fastify);
  registerJsonAccept(fastify);
  registerPathIntParams(fastify);
  const corsPolicy = policy.cors;
  if (corsPolicy !== null) {
    void fastify.register(cors, {
      origin: corsPolicy.origin.includes('*') ? '*' : corsPolicy.origin,
      methods: corsPolicy.methods.length > 0 ? corsPolicy.methods : DEFAULT_CORS_METHODS,
      allowedHeaders:
        corsPolicy.allowedHeaders.length > 0 ? corsPolicy.allowedHeaders : DEFAULT_CORS_HEADERS,
      // Jetty's CrossOriginFilter sends no Access-Control-Expose-Headers when the list is empty.
      ...(corsPolicy.exposedHeaders.length > 0
        ? { exposedHeaders: corsPolicy.exposedHeaders }
        : {}),
      preflight: !corsPolicy.skipOptions,
    });
  }
}
