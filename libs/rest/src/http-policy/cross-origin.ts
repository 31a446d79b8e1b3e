import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** rest-utils' CORS settings (`access.control.*`), read as Jetty's CrossOriginFilter reads them. */
export interface CrossOriginPolicy {
  /** `access.control.allow.origin`: origins, `*` for any, `*` inside one as a wildcard. */
  origins: string[];
  /** `access.control.allow.methods` (Jetty's default: GET,POST,HEAD). */
  methods: string[];
  /** `access.control.allow.headers` (Jetty's default: X-Requested-With,Content-Type,Accept,Origin). */
  allowedHeaders: string[];
  /** `access.control.expose.headers` (none by default). */
  exposedHeaders: string[];
  /** OPTIONS requests skip authentication (`access.control.skip.options`), so preflights end here. */
  optionsSkipAuth: boolean;
}

const DEFAULT_METHODS = ['GET', 'POST', 'HEAD'];
const DEFAULT_HEADERS = ['X-Requested-With', 'Content-Type', 'Accept', 'Origin'];
// Jetty's defaults, which rest-utils keeps: credentials allowed, preflights cached 30 minutes.
const PREFLIGHT_MAX_AGE_SECONDS = '1800';

/**
 * CORS as kafka-rest answers it (Jetty's CrossOriginFilter, preflights not chained): an allowed
 * origin is echoed with credentials allowed; a preflight (OPTIONS with
 * Access-Control-Request-Method) is answered 200 with no body; any other request, OPTIONS
 * included, goes on to its route with the CORS headers added.
 */
export function registerCrossOrigin(fastify: FastifyInstance, policy: CrossOriginPolicy): void {
  const anyOrigin = policy.origins.includes('*');
  const patterns = policy.origins.filter((o) => o !== '*').map(originPattern);
  const methods = policy.methods.length > 0 ? policy.methods : DEFAULT_METHODS;
  const headers = policy.allowedHeaders.length > 0 ? policy.allowedHeaders : DEFAULT_HEADERS;
  const allowedHeaders = new Set(headers.map((h) => h.toLowerCase()));
  const anyHeader = allowedHeaders.has('*');
  const originAllowed = (origin: string): boolean =>
    anyOrigin || patterns.some((pattern) => pattern.test(origin));

  const allowOrigin = (reply: FastifyReply, origin: string): void => {
    void reply.header('Access-Control-Allow-Origin', origin);
    if (!anyOrigin) {
      void reply.header('Vary', 'Origin');
    }
    void reply.header('Access-Control-Allow-Credentials', 'true');
  };

  const preflight = (request: FastifyRequest, reply: FastifyReply, origin: string): void => {
    const method = String(request.headers['access-control-request-method']);
    const requested = String(request.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== '');
    const headersAllowed = anyHeader || requested.every((h) => allowedHeaders.has(h.toLowerCase()));
    // Jetty answers a preflight it refuses without CORS headers: the browser then refuses.
    if (!methods.includes(method) || !headersAllowed) {
      return;
    }
    allowOrigin(reply, origin);
    void reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    void reply.header('Access-Control-Allow-Methods', methods.join(','));
    // `*` allows any header: Jetty then lists the ones asked for.
    void reply.header('Access-Control-Allow-Headers', (anyHeader ? requested : headers).join(','));
  };

  fastify.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (origin === undefined || !originAllowed(origin)) {
      done();
      return;
    }
    const isPreflight =
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined;
    if (!isPreflight) {
      allowOrigin(reply, origin);
      if (policy.exposedHeaders.length > 0) {
        void reply.header('Access-Control-Expose-Headers', policy.exposedHeaders.join(','));
      }
      done();
      return;
    }
    preflight(request, reply, origin);
    if (policy.optionsSkipAuth) {
      void reply.status(200).send();
      return;
    }
    // OPTIONS needs credentials (access.control.skip.options=false): authentication decides,
    // then the route answers it (200 with Allow).
    done();
  });
}

/** Jetty's wildcard origins: `*` matches any run of characters, everything else literally. */
function originPattern(origin: string): RegExp {
  const escaped = origin
    .split('*')
    .map((part) => part.replace(/[.?+^$[\]\\(){}|-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}
