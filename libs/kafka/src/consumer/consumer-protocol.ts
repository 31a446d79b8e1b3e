import { TopicPartition } from './consumer.types';

// Kafka's embedded consumer protocol (ConsumerProtocolSubscription / ConsumerProtocolAssignment,
// version 0): the bytes members exchange through JoinGroup and SyncGroup. Non-flexible encoding.

export const RANGE_ASSIGNOR = 'range';

export function encodeSubscription(topics: string[]): Buffer {
  return Buffer.concat([int16(0), stringArray(topics), int32(-1)]);
}

export function decodeSubscription(data: Buffer | null): string[] {
  if (data === null || data.length < 6) {
    return [];
  }
  const reader = new Reader(data, 2);
  return reader.array(() => reader.string());
}

export function encodeAssignment(partitions: TopicPartition[]): Buffer {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) {
    byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  }
  const topics = [...byTopic].map(([topic, ids]) =>
    Buffer.concat([string(topic), int32(ids.length), ...ids.map(int32)]),
  );
  return Buffer.concat([int16(0), int32(topics.length), ...topics, int32(-1)]);
}

export function decodeAssignment(data: Buffer | null): TopicPartition[] {
  if (data === null || data.length < 6) {
    return [];
  }
  return readAssignment(data);
}

/**
 * Kafka's RangeAssignor: per topic, members subscribed to it (sorted by id) get consecutive
 * ranges of partitions, the first ones one extra when the count does not divide evenly.
 */
export function assignRange(
  subscriptions: Map<string, string[]>,
  partitionCounts: Map<string, number>,
): Map<string, TopicPartition[]> {
  const result = new Map<string, TopicPartition[]>([...subscriptions.keys()].map((m) => [m, []]));
  for (const [topic, count] of partitionCounts) {
    const members = [...subscriptions]
      .filter(([, topics]) => topics.includes(topic))
      .map(([member]) => member)
      .sort();
    const base = Math.floor(count / Math.max(members.length, 1));
    const extra = count % Math.max(members.length, 1);
    let next = 0;
    members.forEach((member, i) => {
      const size = base + (i < extra ? 1 : 0);
      for (let p = next; p < next + size; p++) {
        result.get(member)!.push({ topic, partition: p });
      }
      next += size;
    });
  }
  return result;
}

function int16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(v);
  return b;
}

function int32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
}

function string(v: string): Buffer {
  const bytes = Buffer.from(v, 'utf8');
  return Buffer.concat([int16(bytes.length), bytes]);
}

function stringArray(values: string[]): Buffer {
  return Buffer.concat([int32(values.length), ...values.map(string)]);
}

/**
 * Reads bytes another client wrote (a group member's subscription or assignment): a length or
 * count that does not fit in what is left throws, where trusting it read backwards or looped
 * 2^31 times and ran the process out of memory.
 */
class Reader {
  constructor(
    private readonly data: Buffer,
    private offset: number,
  ) {}

  int32(): number {
    const v = this.data.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  string(): string {
    const length = this.data.readInt16BE(this.offset);
    this.offset += 2;
    this.require(length);
    const v = this.data.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return v;
  }

  /** Every item takes at least one byte, so a count beyond the bytes left is malformed. */
  array<T>(item: () => T): T[] {
    const count = this.int32();
    if (count === -1) {
      return [];
    }
    this.require(count);
    return Array.from({ length: count }, item);
  }

  private require(length: number): void {
    if (length < 0 || length > this.data.length - this.offset) {
      throw new RangeError('Malformed consumer protocol bytes');
    }
  }
}

/** A ConsumerProtocolAssignment another client wrote, as pairs; throws when malformed. */
export function readAssignment(data: Buffer): TopicPartition[] {
  const reader = new Reader(data, 2);
  return reader
    .array(() => {
      const topic = reader.string();
      return reader.array(() => reader.int32()).map((partition) => ({ topic, partition }));
    })
    .flat();
}
