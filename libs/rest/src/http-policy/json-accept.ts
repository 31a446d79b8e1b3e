import type { FastifyInstance } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';
import { resourceName } from './resource-names';

const V2_TYPES = [
  'application/vnd.kafka.v2+json',
  'application/vnd.kafka+json',
  'application/json',
];
// GET records chooses among its readers itself (v2-media), answering its own 406; so does our
// record stream (SSE or NDJSON). Our other extensions produce JSON, as the v3 resources.
const V2_RECORDS = 'api.v2.consumers.consume-';
const RECORD_STREAM = 'api.v3.ext.topics.records.stream.get';
// The v2 consumer resources also produce every embedded format's type (ConsumersResource).
const V2_CONSUMER_TYPES = [
  ...V2_TYPES,
  ...['binary', 'json', 'avro', 'jsonschema', 'protobuf'].map(
    (format) => `application/vnd.kafka.${format}.v2+json`,
  ),
];

/**
 * Jersey answers 406 when `Accept` admits nothing a resource produces. Confluent's v3
 * resources produce application/json (406 with a JSON error); its v2 resources produce the v2
 * type, application/json and application/vnd.kafka+json being accepted for it (v2 docs), and
 * their 406 has no body at all (v2/RootResourceTest), and comes before the handler runs (a
 * consumer is not created for a client that cannot read the answer). The v2 consumer resources
 * also produce every embedded format's type; GET records and our record streams negotiate for
 * themselves.
 */
export function registerJsonAccept(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const accept = request.headers.accept;
    if (accept === undefined || acceptsJson(accept)) {
      done();
      return;
    }
    const name = resourceName(request.method, request.routeOptions.url ?? '') ?? '';
    if (name.startsWith('api.v3.') && name !== RECORD_STREAM) {
      void replyError(reply, new RestError('NOT_ACCEPTABLE'));
      return;
    }
    const produced = name.startsWith('api.v2.consumers.') ? V2_CONSUMER_TYPES : V2_TYPES;
    if (name.startsWith('api.v2.') && !name.startsWith(V2_RECORDS) && !accepts(accept, produced)) {
      void reply.status(406).send();
      return;
    }
    done();
  });
}

/** Whether some media range of `accept` with q > 0 covers application/json. */
export function acceptsJson(accept: string): boolean {
  return accepts(accept, ['application/json']);
}

/** Whether some media range of `accept` with q > 0 covers one of `types` (application/...). */
function accepts(accept: string, types: string[]): boolean {
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (type !== '*/*' && type !== 'application/*' && !types.includes(type)) {
      continue;
    }
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0 || Number.isNaN(Number(q.slice(2)))) {
      return true;
    }
  }
  // An Accept that names nothing (empty) admits anything.
  return accept.trim() === '';
}
