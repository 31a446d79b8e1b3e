import type { FastifyInstance } from 'fastify';
import { replyError, RestError } from '@gateway/rest';
import { isStreamingRequest } from './streaming-routes';

/** At most `max` streaming requests at once (0: no cap); the next one gets 429. */
export function registerStreamLimit(fastify: FastifyInstance, max: number): void {
  if (max === 0) {
    return;
  }
  let active = 0;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!isStreamingRequest(request)) {
      done();
      return;
    }
    if (active >= max) {
      // The refused body may keep coming: close the connection rather than read it.
      void replyError(reply, new RestError('TOO_MANY_STREAMS'), {
        'Retry-After': '1',
        Connection: 'close',
      });
      return;
    }
    active++;
    // 'close' fires once per response, hijacked (streams) or not, also when the client leaves.
    reply.raw.once('close', () => active--);
    done();
  });
}
