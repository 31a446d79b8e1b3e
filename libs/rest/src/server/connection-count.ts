import type { Socket } from 'node:net';

/**
 * The TCP connections of one app's HTTP listeners: open now and accepted since start (Jetty's
 * `connections-active` and `connections-opened-rate`, CONFLUENT-REST-NOTES.md §7). The
 * listeners count; the metrics read the numbers at scrape time.
 */
export class ConnectionCount {
  private activeNow = 0;
  private openedSoFar = 0;

  get active(): number {
    return this.activeNow;
  }

  get opened(): number {
    return this.openedSoFar;
  }

  /** A server's `connection` listener. */
  readonly track = (socket: Socket): void => {
    this.activeNow++;
    this.openedSoFar++;
    socket.once('close', () => this.activeNow--);
  };
}

const counts = new WeakMap<object, ConnectionCount>();

/** Names the count of an app (its Fastify instance), for whoever reports it. */
export function registerConnectionCount(app: object, count: ConnectionCount): void {
  counts.set(app, count);
}

/** The app's count; undefined when its listeners are not counted (injected test requests). */
export function connectionCountOf(app: object): ConnectionCount | undefined {
  return counts.get(app);
}
