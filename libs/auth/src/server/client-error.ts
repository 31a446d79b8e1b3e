import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { RestError } from '@gateway/rest';

// Fastify types rawPacket as a Buffer's JSON form; Node hands over the Buffer.
type ClientError = Error & { code?: string; rawPacket?: unknown };

// A method token and a space: the packet begins a request line.
const REQUEST_LINE_START = /^[A-Z]+ /;

/**
 * The handler of what Node rejects before Fastify sees a request (a head too large, a head too
 * slow, garbage): a Confluent error body, on every listener, then the connection closes.
 * A head over `maxHeaderSize` whose request line alone is over it answers 414, as Jetty's
 * parser does when the limit is hit inside the URI; any other head over it 431.
 */
export function clientErrorAnswer(
  maxHeaderSize: number,
): (error: ClientError, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) {
      return;
    }
    const restError =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? new RestError(
            uriTooLong(error.rawPacket, maxHeaderSize)
              ? 'URI_TOO_LONG'
              : 'REQUEST_HEADER_FIELDS_TOO_LARGE',
          )
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new RestError('REQUEST_TIMEOUT')
          : RestError.badRequest('Bad Request');
    const body = JSON.stringify(restError.toBody());
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${restError.status} ${STATUS_CODES[restError.status]}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

/** Whether the packet Node choked on starts a request line longer than the head limit. */
function uriTooLong(packet: unknown, maxHeaderSize: number): boolean {
  if (!Buffer.isBuffer(packet) || !REQUEST_LINE_START.test(packet.toString('latin1', 0, 16))) {
    return false;
  }
  const end = packet.indexOf('\r\n');
  return (end < 0 ? packet.length : end) > maxHeaderSize;
}
