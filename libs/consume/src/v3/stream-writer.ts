import type { ServerResponse } from 'node:http';
import { asciiPiece, JsonBytes } from '../shared/json-bytes';

export type StreamMediaType = 'text/event-stream' | 'application/x-ndjson';

const EVENT_ID = asciiPiece('id: ');
const EVENT_DATA = asciiPiece('\nevent: record\ndata: ');
const EVENT_END = asciiPiece('\n\n');
const EVENT_FRAMING = Buffer.concat([EVENT_ID, EVENT_DATA, EVENT_END]);
const LINE_END = asciiPiece('\n');

/**
 * Writes SSE events or NDJSON lines with back-pressure: `write` waits for 'drain' when the
 * socket buffer is full, so a slow client stops the consumer instead of growing memory.
 */
export class StreamWriter {
  private closedFlag = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(
    private readonly raw: ServerResponse,
    readonly mediaType: StreamMediaType,
  ) {
    raw.once('close', () => (this.closedFlag = true));
  }

  get closed(): boolean {
    return this.closedFlag || this.raw.destroyed || this.raw.writableEnded;
  }

  start(): void {
    this.raw.writeHead(200, {
      'content-type': `${this.mediaType}; charset=utf-8`,
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // Proxies such as nginx must not buffer the stream.
      'x-accel-buffering': 'no',
    });
    if (this.mediaType === 'text/event-stream') {
      this.raw.write(': stream started\n\n');
    } else {
      // NDJSON has no comment to send: the status and headers go out now, not with a record.
      this.raw.flushHeaders();
    }
  }

  /**
   * Records as SSE `record` events with their ids, or NDJSON lines, in one write of bytes: one
   * syscall per poll rather than per record, and the batch is written whole or (client gone)
   * not at all. `writeRecord` writes the i-th record's JSON; `writeId` its event id (at most
   * `idLength` bytes). Resolves true once the batch is handed to the response (see write).
   */
  async records(
    count: number,
    writeId: (out: JsonBytes, i: number) => void,
    idLength: number,
    writeRecord: (out: JsonBytes, i: number) => void,
    capacity: number,
  ): Promise<boolean> {
    if (this.closed) {
      return false;
    }
    const sse = this.mediaType === 'text/event-stream';
    const out = new JsonBytes(capacity + count * (sse ? EVENT_FRAMING.length + idLength : 1));
    for (let i = 0; i < count; i++) {
      if (sse) {
        out.bytes(EVENT_ID);
        writeId(out, i);
        out.bytes(EVENT_DATA);
      }
      writeRecord(out, i);
      out.bytes(sse ? EVENT_END : LINE_END);
    }
    return this.write(out.toBuffer());
  }

  /** Keeps idle SSE connections open through proxies (a comment, ignored by EventSource). */
  async heartbeat(): Promise<void> {
    if (this.mediaType === 'text/event-stream') {
      await this.write(': heartbeat\n\n');
    }
  }

  /** A failure after the stream started: the status is sent, so it goes in the stream. */
  async error(body: { error_code: number; message: string }): Promise<void> {
    const json = JSON.stringify(body);
    await this.write(
      this.mediaType === 'text/event-stream' ? `event: error\ndata: ${json}\n\n` : `${json}\n`,
    );
  }

  /**
   * Resolves true once everything written so far has been handed to the socket, false if the
   * connection closed first (then what was written may not have reached the client).
   */
  async flushed(): Promise<boolean> {
    await this.draining;
    if (this.closed) {
      return false;
    }
    return new Promise((resolve) => {
      const onClose = (): void => resolve(false);
      this.raw.once('close', onClose);
      this.raw.write('', (error) => {
        this.raw.off('close', onClose);
        resolve(error === undefined || error === null);
      });
    });
  }

  /** Waits for 'drain' (or 'close'), removing both listeners afterwards. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.raw.off('drain', done);
        this.raw.off('close', done);
        resolve();
      };
      this.raw.on('drain', done);
      this.raw.on('close', done);
    });
  }

  end(): void {
    if (!this.raw.writableEnded) {
      this.raw.end();
    }
  }

  /**
   * Writes once the previous chunk has drained, without waiting for this one: the caller polls
   * and encodes the next chunk while this one goes out. At most that one chunk waits beyond the
   * socket's buffer, so a slow client still stops the consumer. False if the client is gone.
   */
  private async write(chunk: string | Buffer): Promise<boolean> {
    await this.draining;
    if (this.closed) {
      return false;
    }
    if (!this.raw.write(chunk)) {
      this.draining = this.drained();
    }
    return true;
  }
}
