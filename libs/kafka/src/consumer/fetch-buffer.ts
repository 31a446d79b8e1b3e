import { ConsumedRecord } from './consumer.types';
import { recordSize } from './record-batches';

interface Entry {
  /** The position these records continue from. */
  position: number;
  records: ConsumedRecord[];
  /** Index of the first record not yet taken (an index, so taking part copies nothing). */
  next: number;
  /** Where to read after the last record (past trailing control batches). */
  nextOffset: number;
}

/**
 * Fetched records not yet returned by a poll, per partition. An entry is only served while
 * the partition's position still equals the entry's start, so a seek invalidates it.
 */
export class FetchBuffer {
  private readonly entries = new Map<string, Entry>();
  private rotation = 0;

  put(
    key: string,
    fetched: { fetchOffset: number; records: ConsumedRecord[]; nextOffset: number },
  ): void {
    if (fetched.records.length === 0 && fetched.nextOffset === fetched.fetchOffset) {
      return;
    }
    this.entries.set(key, {
      position: fetched.fetchOffset,
      records: fetched.records,
      next: 0,
      nextOffset: fetched.nextOffset,
    });
  }

  /** True if an entry continues from this position (no fetch needed for the partition). */
  has(key: string, position: number): boolean {
    return this.entries.get(key)?.position === position;
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  retain(keys: Set<string>): void {
    for (const k of [...this.entries.keys()]) {
      if (!keys.has(k)) {
        this.entries.delete(k);
      }
    }
  }

  /**
   * Takes records in partition rotation, at least one, within maxBytes and maxRecords, and
   * advances `positions` past exactly what it returns.
   */
  take(positions: Map<string, number>, maxBytes: number, maxRecords = Infinity): ConsumedRecord[] {
    const taken: ConsumedRecord[] = [];
    let bytes = 0;
    const keys = [...this.entries.keys()];
    this.rotation = (this.rotation + 1) % Math.max(keys.length, 1);
    const ordered = [...keys.slice(this.rotation), ...keys.slice(0, this.rotation)];
    for (const k of ordered) {
      const entry = this.entries.get(k)!;
      if (positions.get(k) !== entry.position) {
        this.entries.delete(k);
        continue;
      }
      const records = entry.records;
      let i = entry.next;
      for (; i < records.length; i++) {
        const size = recordSize(records[i]);
        if (taken.length >= maxRecords || (taken.length > 0 && bytes + size > maxBytes)) {
          break;
        }
        taken.push(records[i]);
        bytes += size;
      }
      if (i === records.length) {
        this.entries.delete(k);
        positions.set(k, entry.nextOffset);
      } else if (i > entry.next) {
        entry.next = i;
        entry.position = records[i].offset;
        positions.set(k, entry.position);
      }
      if (taken.length >= maxRecords || bytes >= maxBytes) {
        break;
      }
    }
    return taken;
  }
}
