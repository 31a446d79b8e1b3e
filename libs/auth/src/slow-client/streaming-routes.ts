import type { FastifyRequest } from 'fastify';

const V3 = /^\/(kafka\/)?v3\//;

type RouteKind = 'produce-records' | 'consume-stream' | 'other';

// Per route template (a bounded set), so a request costs one lookup, not a few regexes.
const kinds = new Map<string, RouteKind>();

/**
 * Requests that hold their connection open on purpose: produce with a chunked body (a stream
 * of records on `POST .../records`) and the consume stream (`GET .../records:stream`).
 */
export function isStreamingRequest(request: FastifyRequest): boolean {
  const kind = routeKind(request);
  if (kind === 'produce-records') {
    return request.headers['content-length'] === undefined;
  }
  return kind === 'consume-stream';
}

/** `POST .../records`: the produce service reads the raw body itself, streaming or not. */
export function isProduceRecords(request: FastifyRequest): boolean {
  return routeKind(request) === 'produce-records';
}

function routeKind(request: FastifyRequest): RouteKind {
  const template = request.routeOptions.url;
  if (template === undefined) {
    return 'other';
  }
  let kind = kinds.get(template);
  if (kind === undefined) {
    kind = classify(template);
    kinds.set(template, kind);
  }
  if (kind === 'produce-records') {
    return request.method === 'POST' ? kind : 'other';
  }
  return kind === 'consume-stream' && request.method === 'GET' ? kind : 'other';
}

function classify(template: string): RouteKind {
  const route = template.replace(/::/g, ':');
  if (!V3.test(route)) {
    return 'other';
  }
  if (route.endsWith('/records')) {
    return 'produce-records';
  }
  return route.endsWith('/records:stream') ? 'consume-stream' : 'other';
}
