import type { FastifyReply } from 'fastify';

/**
 * Aborts when the client leaves before its answer is out (the connection closed, the response
 * not finished): a read waiting on Kafka for it can stop at once.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) {
      gone.abort();
    }
  });
  return gone.signal;
}
