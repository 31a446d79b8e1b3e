import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readGetBodyText, replyError, RestError } from '@gateway/rest';
import { AuthorizationRules } from './rules';
import { readsBodyTopics, requiredPermissions } from './route-permissions';

/**
 * After authentication and body parsing, every permission the route needs (route-permissions.ts)
 * must be granted by the rules, or the request gets 403 (40301). Requests that authentication
 * let through without a principal (skip paths, CORS preflights) are not checked.
 */
export function registerAuthorization(fastify: FastifyInstance, rules: AuthorizationRules): void {
  fastify.addHook('preHandler', async (request, reply) => {
    const principal = request.principal;
    if (principal === undefined || request.routeOptions.url === undefined) {
      return;
    }
    const body = await bodyOf(request);
    const denied = requiredPermissions(request, body).some((p) => !rules.allows(principal, p));
    if (denied) {
      await replyError(reply, new RestError('FORBIDDEN'));
    }
  });
}

/**
 * The parsed body, also of a GET that names topics in one (v2 `GET .../offsets`), which Fastify
 * leaves unparsed: read here (and kept for the route) so its topics are checked too. A body that
 * is not JSON names no topic; the route refuses it.
 */
async function bodyOf(request: FastifyRequest): Promise<unknown> {
  if (request.body !== undefined || request.method !== 'GET' || !readsBodyTopics(request)) {
    return request.body;
  }
  try {
    const text = await readGetBodyText(request.raw);
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
