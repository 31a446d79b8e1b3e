import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

const CACHE_MS = 1_000;

/**
 * Named dependency checks (Kafka, and the schema registry when configured). Results are cached
 * for a second and concurrent probes share one run, so a 1 s probe costs at most one round trip.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();
  private last?: { at: number; report: Promise<ReadinessReport> };

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  run(): Promise<ReadinessReport> {
    const now = Date.now();
    if (this.last === undefined || now - this.last.at >= CACHE_MS) {
      this.last = { at: now, report: this.runAll() };
    }
    return this.last.report;
  }

  private async runAll(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await check();
          return [name, 'UP'] as const;
        } catch (error) {
          return [name, `DOWN: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    return {
      ready: entries.every(([, status]) => status === 'UP'),
      checks: Object.fromEntries(entries),
    };
  }
}
