import { request, type ClientRequest, type IncomingMessage } from 'node:http';

/**
 * A full-duplex streaming produce client over a real socket: writes chunks of a chunked body
 * while reading receipts (one JSON object per CRLF-terminated line) as they arrive.
 */
export class StreamingClient {
  readonly receipts: Record<string, unknown>[] = [];
  private readonly req: ClientRequest;
  private response?: Promise<IncomingMessage>;
  private waiters: { count: number; resolve: () => void }[] = [];
  private ended?: Promise<{ status: number; headers: IncomingMessage['headers']; raw: string }>;

  private res?: IncomingMessage;

  constructor(
    baseUrl: string,
    path: string,
    headers: Record<string, string> = {},
    options: { paused?: boolean } = {},
  ) {
    const url = new URL(path, baseUrl);
    this.req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers },
    });
    this.req.on('error', () => undefined);
    this.response = new Promise((resolve) => this.req.on('response', resolve));
    this.ended = this.response.then(
      (res) =>
        new Promise((resolve) => {
          this.res = res;
          if (options.paused === true) {
            res.pause();
          }
          let raw = '';
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (text: string) => {
            if (options.paused === true && !this.resumed) {
              res.pause();
            }
            raw += text;
            buffer += text;
            let index: number;
            while ((index = buffer.indexOf('\r\n')) >= 0) {
              this.receipts.push(JSON.parse(buffer.slice(0, index)) as Record<string, unknown>);
              buffer = buffer.slice(index + 2);
              this.notify();
            }
          });
          const done = (): void =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, raw });
          res.on('end', done);
          res.on('close', done);
        }),
    );
  }

  private resumed = false;

  /** Starts reading receipts of a client created with `paused`. */
  resume(): void {
    this.resumed = true;
    this.res?.resume();
  }

  write(chunk: string | Buffer): boolean {
    return this.req.write(chunk);
  }

  /** Resolves once `count` receipts have arrived. */
  waitForReceipts(count: number): Promise<void> {
    if (this.receipts.length >= count) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  end(chunk?: string): void {
    this.req.end(chunk);
  }

  finished(): Promise<{ status: number; headers: IncomingMessage['headers']; raw: string }> {
    return this.ended!;
  }

  destroy(): void {
    this.req.destroy();
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.receipts.length >= w.count) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
}
