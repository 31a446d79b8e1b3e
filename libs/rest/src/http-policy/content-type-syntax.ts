import type { FastifyInstance } from 'fastify';
import { replyError } from '../errors/reply-error';
import { RestError } from '../errors/rest-error';

// type "/" subtype, each an RFC 7230 token, then any parameters: what Jersey's MediaType
// reader takes. (Its Accept reader is laxer: "garbage" there is garbage/*, a plain 406.)
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^\\s*${TOKEN}\\s*/\\s*${TOKEN}\\s*(;.*)?$`);

/**
 * A Content-Type Jersey cannot parse fails the request with 400 before any media type is
 * matched (a HeaderValueException from the inbound headers), so ahead of 415 and 406.
 */
export function registerContentTypeSyntax(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const type = request.headers['content-type'];
    if (type === undefined || request.is404 || MEDIA_TYPE.test(type)) {
      done();
      return;
    }
    void replyError(
      reply,
      RestError.badRequest(`Unable to parse "Content-Type" header value: "${type}"`),
    );
  });
}
