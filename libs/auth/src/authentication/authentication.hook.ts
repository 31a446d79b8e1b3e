import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyError, RestError } from '@gateway/rest';
import type { AuthenticationOptions } from './authentication.options';
import { BasicAuthenticator } from './basic-authenticator';
import { BearerAuthenticator } from './bearer-authenticator';
import type { Principal } from './principal';
import { isSkipped } from './skip-paths';

/**
 * Every request but the skip paths and CORS preflights must authenticate with one of the
 * configured methods: 401 (40101) with WWW-Authenticate otherwise. A principal without one of
 * `authentication.roles` gets 403 (40301), as Jetty's role constraint answers.
 */
export function registerAuthentication(
  fastify: FastifyInstance,
  options: AuthenticationOptions,
): void {
  const basic = options.methods.includes('BASIC') ? new BasicAuthenticator(options) : undefined;
  const bearer =
    options.methods.includes('BEARER') && options.bearer !== null
      ? new BearerAuthenticator(options.bearer)
      : undefined;
  const admits = roleCheck(options.roles);
  const certificates = options.methods.includes('CERTIFICATE');
  // A client certificate is not asked for with a header challenge.
  const challenges = options.methods
    .filter((m) => m !== 'CERTIFICATE')
    .map((m) =>
      m === 'BASIC' ? `Basic realm="${options.realm}"` : `Bearer realm="${options.realm}"`,
    );

  fastify.addHook('onRequest', async (request, reply) => {
    if (
      isSkipped(request.url, options.skipPaths) ||
      (options.skipOptions && request.method === 'OPTIONS')
    ) {
      return;
    }
    let principal: Principal | undefined;
    try {
      principal =
        (await authenticate(request, basic, bearer)) ??
        (certificates ? certificatePrincipal(request) : undefined);
    } catch (error) {
      // The credentials could not be checked (e.g. no JWKS): answered as what it is.
      if (error instanceof RestError) {
        return replyError(reply, error);
      }
      throw error;
    }
    if (principal === undefined) {
      const headers: Record<string, string | string[]> =
        challenges.length === 0
          ? {}
          : { 'WWW-Authenticate': challenges.length === 1 ? challenges[0] : challenges };
      return replyError(reply, new RestError('UNAUTHORIZED'), headers);
    }
    if (!admits(principal.roles)) {
      return replyError(reply, new RestError('FORBIDDEN'));
    }
    request.principal = principal;
  });
}

async function authenticate(
  request: FastifyRequest,
  basic: BasicAuthenticator | undefined,
  bearer: BearerAuthenticator | undefined,
): Promise<Principal | undefined> {
  const header = request.headers.authorization ?? '';
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space + 1);
  const value = credentials.trim();
  if (scheme === 'basic' && basic !== undefined) {
    // Jetty decodes with java.util.Base64, which fails on anything but the alphabet and its
    // padding (an error there is its 500; here, credentials that cannot be read: 401).
    if (!BASE64.test(credentials)) {
      return undefined;
    }
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0
      ? undefined
      : basic.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
  if (scheme === 'bearer' && bearer !== undefined && value !== '') {
    return bearer.authenticate(value);
  }
  return undefined;
}

// The base64 alphabet, padding optional (java.util.Base64 takes unpadded input too).
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/**
 * Jetty's role constraint for `authentication.roles`: `**` admits any authenticated user, `*`
 * any of the other roles listed, and otherwise one of the listed roles is needed. `*` alone
 * (the default) admits any authenticated user: in Jetty it names no role at all and every
 * caller gets 403 "!role" (kafka-rest#1038), which no one configures on purpose.
 */
function roleCheck(roles: string[]): (held: string[]) => boolean {
  const named = roles.filter((r) => r !== '*' && r !== '**');
  if (roles.includes('**') || named.length === 0) {
    return () => true;
  }
  return (held) => held.some((r) => named.includes(r));
}

/** The subject CN of a client certificate that the TLS handshake verified against the CA. */
function certificatePrincipal(request: FastifyRequest): Principal | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted !== true || socket.authorized !== true || !socket.getPeerCertificate) {
    return undefined;
  }
  const cn = socket.getPeerCertificate().subject?.CN;
  const name = Array.isArray(cn) ? cn[0] : cn;
  return name === undefined || name === '' ? undefined : { name, roles: [], method: 'certificate' };
}
