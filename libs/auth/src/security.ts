import type { FastifyInstance } from 'fastify';
import { registerAuthentication } from './authentication/authentication.hook';
import { registerIdentityPropagation } from './authentication/identity-propagation.hook';
import { registerAuthorization } from './authorization/authorization.hook';
import { registerAdminRateLimit } from './rate-limit/admin-rate-limit.hook';
import type { SecurityOptions } from './security.options';
import { registerBodyTimeout } from './slow-client/body-timeout.hook';
import { registerStreamLimit } from './slow-client/stream-limit.hook';

/**
 * The HTTP API's protections, in request order: authentication (401/403), admin rate limits and
 * the stream cap (429), the body timeout (408) and authorization (403, once the body is parsed).
 */
export function registerSecurity(fastify: FastifyInstance, options: SecurityOptions): void {
  if (options.authentication !== null) {
    registerAuthentication(fastify, options.authentication);
  }
  if (options.rateLimit !== null) {
    registerAdminRateLimit(fastify, options.rateLimit);
  }
  registerStreamLimit(fastify, options.maxConcurrentStreams);
  registerBodyTimeout(fastify, options.bodyTimeoutMs);
  if (options.authorization !== null) {
    registerAuthorization(fastify, options.authorization);
  }
  if (options.propagateIdentity) {
    registerIdentityPropagation(fastify);
  }
}
