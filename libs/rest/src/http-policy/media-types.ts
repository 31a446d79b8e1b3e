import type { FastifyInstance, FastifyRequest } from 'fastify';

const CHARSET_SUFFIX = '; charset=utf-8';
const JSON_CHARSET_SUFFIX = `json${CHARSET_SUFFIX}`;
// kafka-rest's v2 resources, its root resource (`/`) included.
const V2_ROUTE = /^\/((topics|brokers|consumers)(\/|$)|$)/;
const V2_RECORDS_ROUTE = /^\/consumers\/.*\/records$/;
const V2_EMBEDDED = /application\/vnd\.kafka\.[a-z]+\.v2\+json/i;
const V2_JSON = 'application/vnd.kafka.v2+json';
const V2_BINARY = 'application/vnd.kafka.binary.v2+json';

/**
 * Responses carry kafka-rest's media types exactly as Jersey writes them: no charset parameter
 * on JSON types (Fastify appends one; kafka-rest's tests compare the type as a whole), and v2
 * errors in the media type the route negotiated, not plain application/json.
 */
export function registerMediaTypes(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string') {
      const v2Type =
        reply.statusCode >= 400 && type.startsWith('application/json')
          ? v2ErrorMediaType(request)
          : undefined;
      if (v2Type !== undefined) {
        void reply.header('content-type', v2Type);
      } else if (type.startsWith('application/') && type.endsWith(JSON_CHARSET_SUFFIX)) {
        void reply.header('content-type', type.slice(0, -CHARSET_SUFFIX.length));
      }
    }
    done(null, payload);
  });
}

/** What Jersey would pick for an error of a v2 route; undefined outside v2 or for a JSON client. */
function v2ErrorMediaType(request: FastifyRequest): string | undefined {
  const route = request.routeOptions.url;
  if (route === undefined || !V2_ROUTE.test(route)) {
    return undefined;
  }
  const accept = request.headers.accept ?? '';
  const embedded = V2_EMBEDDED.exec(accept);
  if (V2_RECORDS_ROUTE.test(route) && embedded !== null) {
    return embedded[0].toLowerCase();
  }
  if (accept.includes(V2_JSON)) {
    return V2_JSON;
  }
  if (accept.includes('application/json') && !accept.includes('application/vnd.kafka')) {
    return undefined;
  }
  return V2_RECORDS_ROUTE.test(route) ? V2_BINARY : V2_JSON;
}
