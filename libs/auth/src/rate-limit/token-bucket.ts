/** Permits refill continuously at `perSecond`, up to one second's worth (the burst). */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.updated = now();
  }

  /** Milliseconds until `cost` permits are available (0: available now). */
  waitMs(cost: number): number {
    this.refill();
    const missing = Math.min(cost, this.perSecond) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.perSecond) * 1000);
  }

  take(cost: number): void {
    this.refill();
    this.tokens -= Math.min(cost, this.perSecond);
  }

  /** True when the bucket is full again, so forgetting it changes nothing. */
  get idle(): boolean {
    this.refill();
    return this.tokens >= this.perSecond;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.perSecond,
      this.tokens + ((now - this.updated) / 1000) * this.perSecond,
    );
    this.updated = now;
  }
}
