import type { FastifyRequest } from 'fastify';

const V3 = /^\/(kafka\/)?v3\//;

/**
 * Requests that hold their connection open on purpose: produce with a chunked body (a stream
 * of records on `POST .../records`) and the consume stream (`GET .../records:stream`).
 */
export function isStreamingRequest(request: FastifyRequest): boolean {
  if (isProduceRecords(request)) {
    return request.headers['content-length'] === undefined;
  }
  return request.method === 'GET' && v3Route(request)?.endsWith('/records:stream') === true;
}

/** `POST .../records`: the produce service reads the raw body itself, streaming or not. */
export function isProduceRecords(request: FastifyRequest): boolean {
  return request.method === 'POST' && v3Route(request)?.endsWith('/records') === true;
}

function v3Route(request: FastifyRequest): string | undefined {
  const route = (request.routeOptions.url ?? '').replace(/::/g, ':');
  return V3.test(route) ? route : undefined;
}
