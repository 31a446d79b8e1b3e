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

  /**
   * Holds a fetch's records: a fetch that starts where the partition's entry ends (a fetch
   * ahead) continues that entry, any other replaces it.
   */
  put(
    key: string,
    fetched: { fetchOffset: number; records: ConsumedRecord[]; nextOffset: number },
  ): void {
    if (fetched.records.length === 0 && fetched.nextOffset === fetched.fetchOffset) {
      return;
    }
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.nextOffset === fetched.fetchOffset) {
      entry.records = entry.records.slice(entry.next).concat(fetched.records);
      entry.next = 0;
      entry.nextOffset = fetched.nextOffset;
      return;
    }
    this.entries.set(key, {
      position: fetched.fetchOffset,
      records: fetched.records,
      next: 0,
      nextOffset: fetched.nextOffset,
    });
  }

  /** Records held for a partition at this position (0 if its entry is for another). */
  held(key: string, position: number): number {
    const entry = this.entries.get(key);
    return entry?.position === position ? entry.records.length - entry.next : 0;
  }

  /** Where the next fetch of a partition at this position starts: after what is held. */
  end(key: string, position: number): number {
    const entry = this.entries.get(key);
    return entry?.position === position ? entry.nextOffset : position;
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
    this.rotation = this.nextRotation();
    const { taken, stops } = this.select(positions, maxBytes, maxRecords, this.rotation);
    for (const { key, entry, end } of stops) {
      if (end === undefined) {
        this.entries.delete(key); // the position moved elsewhere (a seek)
      } else if (end === entry.records.length) {
        this.entries.delete(key);
        positions.set(key, entry.nextOffset);
      } else if (end > entry.next) {
        entry.next = end;
        entry.position = entry.records[end].offset;
        positions.set(key, entry.position);
      }
    }
    return taken;
  }

  /** The records the next `take` with these arguments would return, taking nothing. */
  peek(positions: Map<string, number>, maxBytes: number, maxRecords = Infinity): ConsumedRecord[] {
    return this.select(positions, maxBytes, maxRecords, this.nextRotation()).taken;
  }

  /**
   * The key + value bytes the next `take` with these arguments would return, and whether its
   * limits leave held records behind (then waiting for more records cannot make it larger).
   */
  measure(
    positions: Map<string, number>,
    maxBytes: number,
    maxRecords = Infinity,
  ): { bytes: number; limited: boolean } {
    const taken = this.peek(positions, maxBytes, maxRecords);
    let held = 0;
    for (const [key, position] of positions) {
      held += this.held(key, position);
    }
    return { bytes: taken.reduce((n, r) => n + recordSize(r), 0), limited: taken.length < held };
  }

  private nextRotation(): number {
    return (this.rotation + 1) % Math.max(this.entries.size, 1);
  }

  /** What a take starting at partition `rotation` returns, and where it stops in each entry. */
  private select(
    positions: Map<string, number>,
    maxBytes: number,
    maxRecords: number,
    rotation: number,
  ): { taken: ConsumedRecord[]; stops: { key: string; entry: Entry; end?: number }[] } {
    const taken: ConsumedRecord[] = [];
    const stops: { key: string; entry: Entry; end?: number }[] = [];
    let bytes = 0;
    const keys = [...this.entries.keys()];
    for (const key of [...keys.slice(rotation), ...keys.slice(0, rotation)]) {
      const entry = this.entries.get(key)!;
      if (positions.get(key) !== entry.position) {
        stops.push({ key, entry });
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
      stops.push({ key, entry, end: i });
      if (taken.length >= maxRecords || bytes >= maxBytes) {
        break;
      }
    }
    return { taken, stops };
  }
}
