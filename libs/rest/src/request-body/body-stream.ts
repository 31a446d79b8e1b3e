import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

const replaced = new WeakMap<IncomingMessage, Readable>();

/**
 * The request body as a handler must read it: a hook that wraps the body (the body timeout)
 * consumes the raw request, so a handler reading a body Fastify does not parse (a GET body)
 * reads the wrapper instead.
 */
export function requestBodyStream(raw: IncomingMessage): Readable {
  return replaced.get(raw) ?? raw;
}

export function replaceRequestBodyStream(raw: IncomingMessage, body: Readable): void {
  replaced.set(raw, body);
}
