import { request, type ClientRequest } from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A live SSE response read as it arrives over a real socket (events and comments). */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  /** True once the server ended the response (or the connection closed). */
  ended = false;
  private buffer = '';

  private constructor(private readonly req: ClientRequest) {}

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } });
      const client = new SseClient(req);
      req.on('error', reject);
      req.on('response', (res) => {
        client.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.push(chunk));
        res.on('end', () => (client.ended = true));
        res.on('close', () => (client.ended = true));
        resolve(client);
      });
      req.end();
    });
  }

  /** The `record` events' data, parsed. */
  records<T = { partition_id: number; offset: number; value: { data: unknown } | null }>(): T[] {
    return this.events.filter((e) => e.event === 'record').map((e) => JSON.parse(e.data) as T);
  }

  lastEventId(): string | undefined {
    return this.events.filter((e) => e.id !== undefined).at(-1)?.id;
  }

  async waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `SSE: condition not met; ${this.events.length} events, ended=${this.ended}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.req.destroy();
  }

  private push(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (block.startsWith(':')) {
        this.comments.push(block.slice(1).trim());
        continue;
      }
      const event: SseEvent = { data: '' };
      for (const line of block.split('\n')) {
        const i = line.indexOf(':');
        const field = line.slice(0, i);
        const value = line.slice(i + 1).replace(/^ /, '');
        if (field === 'id' || field === 'event' || field === 'data') {
          event[field] = value;
        }
      }
      this.events.push(event);
    }
  }
}
