import type { ServerResponse } from 'node:http';
import { JsonBytes } from '../shared/json-bytes';

export type StreamMediaType = 'text/event-stream' | 'application/x-ndjson';

const EVENT_ID = Buffer.from('id: ');
const EVENT_DATA = Buffer.from('\nevent: record\ndata: ');
const EVENT_END = Buffer.from('\n\n');
const EVENT_FRAMING = Buffer.concat([EVENT_ID, EVENT_DATA, EVENT_END]);
const LINE_END = Buffer.from('\n');

/**
 * Writes SSE events or NDJSON lines with back-pressure: `write` waits for 'drain' when the
 * socket buffer is full, so a slow client stops the consumer instead of growing memory.
 */
export class StreamWriter {
  private closedFlag = false;

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
    }
  }

  /**
   * Records as SSE `record` events with their ids, or NDJSON lines, in one write of bytes: one
   * syscall per poll rather than per record, and the batch is written whole or (client gone)
   * not at all. `writeRecord` writes the i-th record's JSON; `writeId` its event id (at most
   * `idLength` bytes).
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
    await this.write(out.toBuffer());
    return true;
  }

  /** Keeps idle SSE connections open through proxies (a comment, ignored by EventSource). */
  heartbeat(): Promise<void> {
    return this.mediaType === 'text/event-stream'
      ? this.write(': heartbeat\n\n')
      : Promise.resolve();
  }

  /** A failure after the stream started: the status is sent, so it goes in the stream. */
  async error(body: { error_code: number; message: string }): Promise<void> {
    const json = JSON.stringify(body);
    await this.write(
      this.mediaType === 'text/event-stream' ? `event: error\ndata: ${json}\n\n` : `${json}\n`,
    );
  }

  /** Resolves once everything written so far has been handed to the socket. */
  flushed(): Promise<void> {
    if (this.closed) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.raw.write('', () => resolve()));
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

  private async write(chunk: string | Buffer): Promise<void> {
    if (this.closed) {
      return;
    }
    if (!this.raw.write(chunk)) {
      await this.drained();
    }
  }
}
