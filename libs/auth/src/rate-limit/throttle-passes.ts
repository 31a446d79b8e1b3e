/**
 * Jetty DoSFilter's throttle: at most `passes` over-rate requests are served at once; the
 * others wait, in arrival order, up to a deadline.
 */
export class ThrottlePasses {
  private free: number;
  private readonly waiting: Array<(granted: boolean) => void> = [];

  constructor(passes: number) {
    this.free = passes;
  }

  /** Resolves true with a pass (give it back with release()), false when none came in time. */
  acquire(timeoutMs: number): Promise<boolean> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        resolve(false);
      }, timeoutMs);
      const grant = (granted: boolean): void => {
        clearTimeout(timer);
        resolve(granted);
      };
      this.waiting.push(grant);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.free++;
    } else {
      next(true);
    }
  }
}
