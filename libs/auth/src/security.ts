import type { FastifyInstance } from 'fastify';
import { registerAuthentication } from './authentication/authentication.hook';
import { registerAuthorization } from './authorization/authorization.hook';
import type { SecurityOptions } from './security.options';
import { registerBodyTimeout } from './slow-client/body-timeout.hook';
import { registerStreamLimit } from './slow-client/stream-limit.hook';

/**
 * The HTTP API's protections, in request order: authentication (401/403), the stream cap (429),
 * the body timeout (408) and authorization (403, once the body is parsed).
 */
export function registerSecurity(fastify: FastifyInstance, options: SecurityOptions): void {
  if (options.authentication !== null) {
    registerAuthentication(fastify, options.authentication);
  }
  registerStreamLimit(fastify, options.maxConcurrentStreams);
  registerBodyTimeout(fastify, options.bodyTimeoutMs);
  if (options.authorization !== null) {
    registerAuthorization(fastify, options.authorization);
  }
}
