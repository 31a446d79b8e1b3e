import type { FastifyInstance } from 'fastify';
import { registerAuthentication } from './authentication/authentication.hook';
import { registerIdentityPropagation } from './authentication/identity-propagation.hook';
import { registerAuthorization } from './authorization/authorization.hook';
import { registerAdminRateLimit } from './rate-limit/admin-rate-limit.hook';
import { registerDosFilter } from './rate-limit/dos-filter.hook';
import type { SecurityOptions } from './security.options';
import { registerBodyTimeout } from './slow-client/body-timeout.hook';
import { registerStreamLimit } from './slow-client/stream-limit.hook';

/**
 * The HTTP API's protections, in request order: authentication (401/403), the DoS filters,
 * admin rate limits and the stream cap (429), the body timeout (408), authorization (403, once the body is parsed),
 * then identity propagation. Registered as a plugin that shares the root scope (Fastify's
 * `skip-override`, as fastify-plugin sets it), so its hooks cover every route and run after the
 * CORS plugin registered before it: error answers carry the CORS headers browsers need.
 */
export function registerSecurity(fastify: FastifyInstance, options: SecurityOptions): void {
  const plugin = (instance: FastifyInstance, _opts: unknown, done: () => void) => {
    registerHooks(instance, options);
    done();
  };
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  void fastify.register(plugin);
}

function registerHooks(fastify: FastifyInstance, options: SecurityOptions): void {
  if (options.authentication !== null) {
    registerAuthentication(fastify, options.authentication);
  }
  if (options.dosFilter !== null) {
    registerDosFilter(fastify, options.dosFilter);
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
