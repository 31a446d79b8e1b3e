import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiVersion, firstJsonValue, RestError } from '@gateway/rest';
import { checkJsonNesting, parseJsonExact } from '@gateway/schema-registry';

// Media type parameters (a charset) do not change the type, as in Jersey's matching.
const KAFKA_V2_JSON = /^application\/vnd\.kafka(\.binary)?\.v2\+json(;|$)/;
const KAFKA_V2_SCHEMA_JSON =
  /^application\/vnd\.kafka\.(json|avro|jsonschema|protobuf)\.v2\+json(;|$)/;

type BodyParser = (
  req: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, body?: unknown) => void,
) => void;

/**
 * JSON bodies: an empty body reaches validation (422 "Request body is empty", as Jersey answers,
 * not Fastify's 400), and malformed JSON is a Confluent 400. Only JSON is accepted (415), with
 * kafka-rest's exceptions: a body without Content-Type is read as JSON (Jersey takes it as
 * application/octet-stream, which rest-utils' Jackson provider reads as JSON), and so is an
 * application/octet-stream body on v2 routes.
 */
export function registerJsonParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, bodyless(parseJson));
  // v2 produce: the embedded format is in the media type (binary when absent).
  fastify.addContentTypeParser(KAFKA_V2_JSON, { parseAs: 'string' }, bodyless(v2Only(parseJson)));
  // Embedded JSON and schema data keep integers beyond 2^53 exact (BigInt), as Jackson reads
  // them; the json encoder and the codecs write them with every digit.
  fastify.addContentTypeParser(
    KAFKA_V2_SCHEMA_JSON,
    { parseAs: 'string' },
    bodyless(v2Only(parseSchemaJson)),
  );
  fastify.addContentTypeParser('*', { parseAs: 'string' }, bodyless(parseUntypedAsJson));
  // Fastify closes the connection after a parser error, as the client might still be sending;
  // these parsers run on whole bodies, so the connection is kept, as Jetty keeps it.
  fastify.addHook('onError', (request, reply, _error, done) => {
    if (WHOLE_BODY_REFUSED.has(request.raw) && reply.getHeader('connection') === 'close') {
      reply.removeHeader('connection');
    }
    done();
  });
}

/** Requests whose whole body a parser read, then refused. */
const WHOLE_BODY_REFUSED = new WeakSet<object>();

/** v3 resources consume application/json only: a v2 media type is a 415 there, as in Jersey. */
function v2Only(parse: BodyParser): BodyParser {
  return (req, body, done) => {
    if (apiVersion(req.routeOptions.url ?? '') === 'v3') {
      done(new RestError('UNSUPPORTED_MEDIA_TYPE'), undefined);
      return;
    }
    parse(req, body, done);
  };
}

/**
 * Bodies Jersey never reads: no DELETE resource of kafka-rest takes an entity
 * (`curl -X DELETE -d ''` is a 204 there, whatever its Content-Type), and a path no resource
 * matches is a 404 before any entity is looked at (not a 415 or a JSON error). A body refused
 * here was read whole, so its connection is kept (see the onError hook).
 */
function bodyless(parse: BodyParser): BodyParser {
  return (req, body, done) => {
    if (req.method === 'DELETE' || req.is404) {
      done(null, undefined);
      return;
    }
    parse(req, body, (error, value) => {
      if (error !== null) {
        WHOLE_BODY_REFUSED.add(req.raw);
      }
      done(error, value);
    });
  };
}

const parsePlainJson = jsonBodyParser((text) => {
  const value = JSON.parse(text) as unknown;
  checkJsonNesting(text);
  return value;
});
const parseSchemaJson = jsonBodyParser(parseJsonExact);

/** `records:batch` entries carry record data: its numbers are read as Jackson reads them. */
const parseJson: BodyParser = (req, body, done) => {
  const exact = /\/records:+batch$/.test(req.routeOptions.url ?? '');
  (exact ? parseSchemaJson : parsePlainJson)(req, body, done);
};

const parseUntypedAsJson: BodyParser = (req, body, done) => {
  const type = req.headers['content-type'];
  const octetStream = type?.split(';')[0].trim().toLowerCase() === 'application/octet-stream';
  if (type === undefined || (octetStream && apiVersion(req.routeOptions.url ?? '') === 'v2')) {
    parseJson(req, body, done);
    return;
  }
  done(new RestError('UNSUPPORTED_MEDIA_TYPE'), undefined);
};

function jsonBodyParser(parse: (text: string) => unknown): BodyParser {
  return (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch (error) {
      parsed = parseFirstValue(text, parse);
      if (parsed === undefined) {
        done(RestError.badRequest(`Error processing JSON: ${(error as Error).message}`), undefined);
        return;
      }
    }
    done(null, parsed);
  };
}

/** Jackson reads the first value and ignores what follows (`{}}` is `{}`); JSON.parse does not. */
function parseFirstValue(text: string, parse: (text: string) => unknown): unknown {
  const first = firstJsonValue(text);
  if (first === undefined) {
    return undefined;
  }
  try {
    return parse(first);
  } catch {
    return undefined;
  }
}
