import { Injectable } from '@nestjs/common';

/**
 * Raised once when the gateway starts to shut down. Long-lived handlers (produce streams, SSE and
 * NDJSON consume streams) subscribe and wind down: stop taking new records, deliver the receipts
 * they owe, and end their responses within the grace period.
 */
@Injectable()
export class ShutdownSignal {
  private readonly listeners = new Set<() => void>();
  private raised = false;

  get draining(): boolean {
    return this.raised;
  }

  /** Returns the unsubscribe function; subscribing after the signal calls back at once. */
  onDrain(listener: () => void): () => void {
    if (this.raised) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  drain(): void {
    if (this.raised) {
      return;
    }
    this.raised = true;
    for (const listener of this.listeners) {
      listener();
    }
    this.listeners.clear();
  }
}
