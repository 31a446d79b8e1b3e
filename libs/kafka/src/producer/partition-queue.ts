import { OutgoingRecord, RecordDelivery } from './producer.types';

/** A record waiting for its produce request, with the callbacks of its caller. */
export interface PendingRecord {
  record: OutgoingRecord;
  size: number;
  resolve: (delivery: RecordDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * The records of one topic-partition waiting to be sent. Each produce request takes one batch
 * per partition; records that arrive meanwhile wait for the next request (coalescing).
 */
export class PartitionQueue {
  /** After a batch was refused as too large, its records are retried one per request. */
  singles = 0;
  /** Bytes of the waiting records (estimated serialized size). */
  bytes = 0;
  private items: PendingRecord[] = [];

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  get length(): number {
    return this.items.length;
  }

  push(pending: PendingRecord): void {
    this.items.push(pending);
    this.bytes += pending.size;
  }

  /** Takes the next batch: at least one record, then as many as fit in `maxBytes`. */
  take(maxBytes: number, maxRecords: number): PendingRecord[] {
    const limit = this.singles > 0 ? 1 : maxRecords;
    if (this.singles > 0) {
      this.singles--;
    }
    let bytes = 0;
    let count = 0;
    while (count < this.items.length && count < limit) {
      const size = this.items[count].size;
      if (count > 0 && bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      count++;
    }
    this.bytes -= bytes;
    return this.items.splice(0, count);
  }

  /** Puts a refused batch back in front, to be sent one record per request. */
  requeueSingly(batch: PendingRecord[]): void {
    this.items = [...batch, ...this.items];
    this.singles += batch.length;
    this.bytes += batch.reduce((sum, p) => sum + p.size, 0);
  }
}
