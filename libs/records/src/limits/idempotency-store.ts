import { Inject, Injectable } from '@nestjs/common';
import { RECORDS_OPTIONS, RecordsOptions } from '../records.options';

interface Entry {
  fingerprint: string;
  expiresAt: number;
  result: Promise<unknown>;
}

/** The outcome of claiming a key: run the work, replay a stored result, or refuse a mismatch. */
export type IdempotencyClaim<T> =
  | { kind: 'new'; complete: (result: Promise<T>) => void }
  | { kind: 'replay'; result: Promise<T> }
  | { kind: 'mismatch' };

/**
 * Results of produce requests by Idempotency-Key, kept for a window. A retry with the same
 * key (and the same request) gets the original receipts, even while the first call is still
 * running, and produces nothing again. In memory, so it holds per gateway process.
 */
@Injectable()
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(@Inject(RECORDS_OPTIONS) private readonly options: RecordsOptions) {}

  get enabled(): boolean {
    return this.options.idempotencyKeyWindowMs > 0;
  }

  claim<T>(scope: string, key: string, fingerprint: string): IdempotencyClaim<T> {
    const now = Date.now();
    this.evict(now);
    const id = `${scope}\u0000${key}`;
    const existing = this.entries.get(id);
    if (existing !== undefined) {
      return existing.fingerprint === fingerprint
        ? { kind: 'replay', result: existing.result as Promise<T> }
        : { kind: 'mismatch' };
    }
    let resolve!: (value: Promise<T>) => void;
    const result = new Promise<T>((r) => (resolve = r));
    // Replays await it themselves; without a replay a failed request's rejection must not go
    // unhandled (Node would end the process).
    result.catch(() => undefined);
    this.entries.set(id, {
      fingerprint,
      expiresAt: now + this.options.idempotencyKeyWindowMs,
      result,
    });
    return {
      kind: 'new',
      complete: (value) => {
        resolve(value);
        // A request that failed as a whole (no receipts) may be retried for real.
        value.catch(() => this.entries.delete(id));
      },
    };
  }

  private evict(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size <= this.options.idempotencyKeyMaxEntries) {
        break;
      }
      this.entries.delete(id);
    }
  }
}
