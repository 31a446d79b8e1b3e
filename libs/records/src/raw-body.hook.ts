import { Readable } from 'node:stream';
import type { preParsingHookHandler } from 'fastify';

/**
 * Streaming produce reads `request.raw` itself, while the client may still be sending. This
 * preParsing hook of that one route takes the body headers off a JSON request, so Fastify
 * sees no body: it runs no content-type parser (no stream, no async resource, nothing per
 * request) and the body stays untouched (and unbounded by bodyLimit). Other media types still
 * meet Fastify's parser check (415).
 */
export const keepRawBody: preParsingHookHandler = (request, _reply, payload, done) => {
  const raw = request.raw as RawWithBodyHeaders;
  const headers = request.headers;
  // Fastify would check the (unread) body against Content-Length and bodyLimit.
  const length = headers['content-length'];
  if (length !== undefined) {
    raw[DECLARED_LENGTH] = Number(length);
    delete headers['content-length'];
  }
  const contentType = headers['content-type'];
  raw[DECLARED_CONTENT_TYPE] = contentType;
  if (!isJson(contentType)) {
    // Fastify answers 415 for a media type no parser takes: hand it an empty body to parse.
    done(null, Readable.from([]));
    return;
  }
  delete headers['content-type'];
  delete headers['transfer-encoding'];
  done(null, payload);
};

export const DECLARED_LENGTH = Symbol('declaredContentLength');
const DECLARED_CONTENT_TYPE = Symbol('declaredContentType');
type RawWithBodyHeaders = {
  [DECLARED_LENGTH]?: number;
  [DECLARED_CONTENT_TYPE]?: string;
};
export type RawWithLength = RawWithBodyHeaders;

/** The request's Content-Length (taken off the headers by the hook), if it had one. */
export function declaredLength(raw: object): number | undefined {
  return (raw as RawWithBodyHeaders)[DECLARED_LENGTH];
}

/** The request's Content-Type (taken off the headers by the hook), if it had one. */
export function declaredContentType(raw: object): string | undefined {
  return (raw as RawWithBodyHeaders)[DECLARED_CONTENT_TYPE];
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) {
    return false;
  }
  const semicolon = contentType.indexOf(';');
  const mediaType = semicolon < 0 ? contentType : contentType.slice(0, semicolon);
  return mediaType.trim().toLowerCase() === 'application/json';
}
