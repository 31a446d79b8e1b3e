/**
 * The SSE event id of a record stream: the next offset of every partition after the event,
 * as `partition:offset` pairs (`0:42,1:17`). A reconnect sends it back as Last-Event-ID and
 * resumes exactly after the last delivered record, on any replica: the id is the whole state.
 */
export function encodePositions(positions: Map<number, number>): string {
  return [...positions]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

/** Parses `partition:offset` pairs (event ids and the `offsets` query); undefined if malformed. */
export function decodePositions(text: string): Map<number, number> | undefined {
  const positions = new Map<number, number>();
  for (const pair of text.split(',')) {
    const match = /^\s*(\d+):(\d+)\s*$/.exec(pair);
    if (match === null) {
      return undefined;
    }
    positions.set(Number(match[1]), Number(match[2]));
  }
  return positions.size > 0 ? positions : undefined;
}

/**
 * encodePositions for a run of records: keeps the `partition:offset` pieces in partition order
 * and rewrites one per record instead of sorting the whole map every time.
 */
export class PositionsEncoder {
  private partitions: number[] = [];
  private pieces: string[] = [];

  constructor(positions: Map<number, number>) {
    for (const [partition, offset] of [...positions].sort(([a], [b]) => a - b)) {
      this.partitions.push(partition);
      this.pieces.push(`${partition}:${offset}`);
    }
  }

  /** Moves one partition to `offset` and returns the id of all positions. */
  set(partition: number, offset: number): string {
    let index = this.partitions.indexOf(partition);
    if (index < 0) {
      index = this.partitions.findIndex((p) => p > partition);
      index = index < 0 ? this.partitions.length : index;
      this.partitions.splice(index, 0, partition);
      this.pieces.splice(index, 0, '');
    }
    this.pieces[index] = `${partition}:${offset}`;
    return this.pieces.join(',');
  }
}
