import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

const CACHE_MS = 1_000;
// A check that has not answered by then is DOWN: a hung broker answers nothing until the Kafka
// request timeout (30 s), and a probe with a timeout of a few seconds would learn nothing.
const CHECK_TIMEOUT_MS = 5_000;

/**
 * Named dependency checks (Kafka, and the schema registry when configured). Results are cached
 * for a second and concurrent probes share one run, so a 1 s probe costs at most one round trip.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();
  // A check still running is joined, not started again: no pile-up of requests to a hung broker.
  private readonly running = new Map<string, Promise<void>>();
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
          await this.answerOf(name, check);
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

  private answerOf(name: string, check: ReadinessCheck): Promise<void> {
    let running = this.running.get(name);
    if (running === undefined) {
      running = check().finally(() => this.running.delete(name));
      running.catch(() => undefined); // reported by the race below, or by a later run
      this.running.set(name, running);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    return Promise.race([running, late]).finally(() => clearTimeout(timer));
  }
}
