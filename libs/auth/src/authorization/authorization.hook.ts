import type { FastifyInstance } from 'fastify';
import { replyError, RestError } from '@gateway/rest';
import { AuthorizationRules } from './rules';
import { requiredPermissions } from './route-permissions';

/**
 * After authentication and body parsing, every permission the route needs (route-permissions.ts)
 * must be granted by the rules, or the request gets 403 (40301). Requests that authentication
 * let through without a principal (skip paths, CORS preflights) are not checked.
 */
export function registerAuthorization(fastify: FastifyInstance, rules: AuthorizationRules): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    const principal = request.principal;
    if (principal === undefined || request.routeOptions.url === undefined) {
      done();
      return;
    }
    const denied = requiredPermissions(request).some((p) => !rules.allows(principal, p));
    if (denied) {
      void replyError(reply, new RestError('FORBIDDEN'));
      return;
    }
    done();
  });
}
