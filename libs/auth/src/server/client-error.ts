import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { RestError } from '@gateway/rest';

/**
 * Answers what Node rejects before Fastify sees a request (a head too large, a head too slow,
 * garbage) with a Confluent error body, on every listener, then closes the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const restError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new RestError('REQUEST_HEADER_FIELDS_TOO_LARGE')
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
}
