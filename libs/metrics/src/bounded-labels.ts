/**
 * Caps the distinct values of a label (topics, groups) so a client creating thousands of topics
 * cannot explode the series count; values past the cap are reported as `__other__`.
 */
export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.seen.has(value)) {
      return value;
    }
    if (this.seen.size >= this.max) {
      return '__other__';
    }
    this.seen.add(value);
    return value;
  }
}
