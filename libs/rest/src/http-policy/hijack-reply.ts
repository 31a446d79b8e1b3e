import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * Takes the response over from Fastify (streams, produce receipts), keeping the headers the
 * hooks already set on the reply: CORS, X-Request-Id, the configured response headers. Fastify
 * writes them only for replies it sends itself.
 */
export function hijackReply(reply: FastifyReply): ServerResponse {
  const raw = reply.raw;
  const headers = reply.getHeaders();
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) {
      raw.setHeader(name, value);
    }
  }
  reply.hijack();
  return raw;
}
