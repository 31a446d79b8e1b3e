/**
 * Jetty DoSFilter's RateTracker: the times of a client's last `limit` requests. A request is
 * over the rate when the one `limit` requests before it came less than a second earlier.
 * Refused requests count too, so a client that keeps hammering stays refused.
 */
export class RateTracker {
  private readonly times: Float64Array;
  private next = 0;
  private latest = -Infinity;

  constructor(limit: number) {
    this.times = new Float64Array(limit).fill(-Infinity);
  }

  /** Records a request at `nowMs`; true when it is over the rate. */
  hit(nowMs: number): boolean {
    const oldest = this.times[this.next];
    this.times[this.next] = nowMs;
    this.next = (this.next + 1) % this.times.length;
    this.latest = nowMs;
    return nowMs - oldest < 1000;
  }

  /** True when the client sent nothing for `idleMs`: forgetting it changes nothing after 1 s. */
  idleSince(nowMs: number, idleMs: number): boolean {
    return nowMs - this.latest >= Math.max(idleMs, 1000);
  }
}
