import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { replaceRequestBodyStream, RestError } from '@gateway/rest';
import { isProduceRecords, isStreamingRequest } from './streaming-routes';

/**
 * A request body must arrive within `timeoutMs` (408, connection closed), so a client trickling
 * bytes cannot hold a connection and a parser forever. Streams are exempt: they are long by
 * design and bounded by the idle timeout and the stream cap instead, and so is every
 * `POST .../records` (the produce service reads that body itself, with its own limits). Node's own whole-request
 * timeout cannot make that distinction, so it is off and this hook does the job.
 */
export function registerBodyTimeout(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    const hasBody =
      request.headers['content-length'] !== undefined ||
      request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || isStreamingRequest(request) || isProduceRecords(request)) {
      done(null, payload);
      return;
    }
    const guarded = new PassThrough();
    // Fastify's parser listens for the error; this keeps an unread body from crashing the process.
    guarded.on('error', () => undefined);
    const timer = setTimeout(() => {
      payload.unpipe(guarded);
      void reply.header('Connection', 'close');
      guarded.destroy(
        new RestError('REQUEST_TIMEOUT', `Request body not received within ${timeoutMs} ms.`),
      );
    }, timeoutMs);
    const clear = () => clearTimeout(timer);
    guarded.once('end', clear);
    guarded.once('close', clear);
    payload.pipe(guarded);
    // Fastify does not parse a GET body; the handler that reads one (v2 GET offsets) reads this.
    replaceRequestBodyStream(request.raw, guarded);
    done(null, guarded);
  });
}
