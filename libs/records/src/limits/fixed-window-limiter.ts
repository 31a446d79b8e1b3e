/**
 * kafka-rest's produce limiter as its rate-limit integration tests run it: the resilience4j
 * backend (AtomicRateLimiter, refresh period 1 s) with `rate.limit.timeout.ms` 0. Time is cut
 * into 1 s windows counted from the limiter's creation; each window starts with `permitsPerSec`
 * permits (unused ones do not carry over). A cost passes only while the window still holds all
 * of it, and a refused cost takes nothing. So a cost above the limit never passes: with 1 byte/s,
 * the first ~70-byte record is already refused (ProduceActionRateLimitIntegrationTest).
 */
export class FixedWindowLimiter {
  private window = 0;
  private available: number;

  /** `startedAt` and every `now` are monotonic milliseconds (performance.now()). */
  constructor(
    private readonly permitsPerSec: number,
    private readonly startedAt: number,
  ) {
    this.available = permitsPerSec;
  }

  tryAcquire(cost: number, now: number): boolean {
    const window = Math.floor((now - this.startedAt) / 1000);
    if (window !== this.window) {
      this.window = window;
      this.available = this.permitsPerSec;
    }
    if (cost > this.available) {
      return false;
    }
    this.available -= cost;
    return true;
  }
}
