/**
 * One limiter per client key (a cluster, a principal, an IP) in a map of bounded size: when it
 * is full, the idle limiters (holding no state worth keeping) are forgotten first, then the
 * oldest, so a flood of new keys cannot grow memory.
 */
export class CappedLimiters<T> {
  private readonly limiters = new Map<string, T>();

  constructor(
    private readonly max: number,
    private readonly create: () => T,
    private readonly isIdle: (limiter: T) => boolean,
  ) {}

  of(key: string): T {
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      if (this.limiters.size >= this.max) {
        this.makeRoom();
      }
      limiter = this.create();
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  get size(): number {
    return this.limiters.size;
  }

  private makeRoom(): void {
    for (const [key, limiter] of this.limiters) {
      if (this.isIdle(limiter)) {
        this.limiters.delete(key);
      }
    }
    if (this.limiters.size >= this.max) {
      this.limiters.delete(this.limiters.keys().next().value as string);
    }
  }
}
