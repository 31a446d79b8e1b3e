/**
 * A token bucket refilled continuously at `ratePerSec`, holding at most one second of tokens.
 * A cost above the capacity passes when the bucket is full and leaves it in debt (as Guava's
 * RateLimiter lets one big acquire through), so a large record is slowed, not banned.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSec: number,
    now: number,
  ) {
    this.tokens = ratePerSec;
    this.updatedAt = now;
  }

  tryTake(cost: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.ratePerSec, this.tokens + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = now;
    if (this.tokens < Math.min(cost, this.ratePerSec)) {
      return false;
    }
    this.tokens -= cost;
    return true;
  }
}
