import type { IncomingMessage } from 'node:http';
import { RestError } from '../errors/rest-error';
import { requestBodyStream } from './body-stream';

// A list of partitions; a body beyond this is not one.
const MAX_GET_BODY_BYTES = 1_048_576;

const read = new WeakMap<IncomingMessage, Promise<string>>();

/**
 * The text of a GET request's body (kafka-rest's `GET .../offsets` takes a JSON body, which
 * Fastify never parses), read once: the authorization hook and the route's pipe share it.
 * Rejects with 413 beyond 1 MiB (the rest is read and dropped, so the client gets the answer).
 */
export function readGetBodyText(raw: IncomingMessage): Promise<string> {
  let text = read.get(raw);
  if (text === undefined) {
    text = readText(raw);
    read.set(raw, text);
  }
  return text;
}

async function readText(raw: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of requestBodyStream(raw)) {
    size += (chunk as Buffer).length;
    if (size <= MAX_GET_BODY_BYTES) {
      chunks.push(chunk as Buffer);
    }
  }
  if (size > MAX_GET_BODY_BYTES) {
    throw new RestError('PAYLOAD_TOO_LARGE');
  }
  return Buffer.concat(chunks).toString('utf8');
}
