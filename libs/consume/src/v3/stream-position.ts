import { asciiPiece, JsonBytes } from '../shared/json-bytes';

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

// A partition id is a Java int; an offset beyond 2^53 cannot be held exactly (nor reached).
const MAX_PARTITION = 2 ** 31 - 1;

/**
 * Parses `partition:offset` pairs (event ids and the `offsets` query); undefined if malformed or
 * out of range (such a number would fail later, in a Kafka request encoder, mid-stream).
 */
export function decodePositions(text: string): Map<number, number> | undefined {
  const positions = new Map<number, number>();
  for (const pair of text.split(',')) {
    const match = /^\s*(\d+):(\d+)\s*$/.exec(pair);
    const [partition, offset] = match === null ? [NaN, NaN] : [Number(match[1]), Number(match[2])];
    if (!(partition <= MAX_PARTITION) || !Number.isSafeInteger(offset)) {
      return undefined;
    }
    positions.set(partition, offset);
  }
  return positions.size > 0 ? positions : undefined;
}

/**
 * encodePositions for a run of records: keeps the positions in partition order, moves one per
 * record and writes the id straight into the event's bytes (no string per record).
 */
export class PositionsEncoder {
  private readonly partitions: number[] = [];
  private readonly offsets: number[] = [];

  constructor(positions: Map<number, number>) {
    for (const [partition, offset] of [...positions].sort(([a], [b]) => a - b)) {
      this.partitions.push(partition);
      this.offsets.push(offset);
    }
  }

  /** Moves one partition to `offset`. */
  move(partition: number, offset: number): void {
    let index = this.partitions.indexOf(partition);
    if (index < 0) {
      index = this.partitions.findIndex((p) => p > partition);
      index = index < 0 ? this.partitions.length : index;
      this.partitions.splice(index, 0, partition);
      this.offsets.splice(index, 0, 0);
    }
    this.offsets[index] = offset;
  }

  /** Writes the id of all positions, as encodePositions does. */
  write(out: JsonBytes): void {
    for (let i = 0; i < this.partitions.length; i++) {
      if (i > 0) {
        out.bytes(COMMA);
      }
      out.int(this.partitions[i]).bytes(COLON).int(this.offsets[i]);
    }
  }

  /** Bytes an id takes at most (partition and offset digits and separators). */
  get maxLength(): number {
    return this.partitions.length * 28;
  }
}

const COMMA = asciiPiece(',');
const COLON = asciiPiece(':');
