import { Reader } from '@platformatic/kafka';
import { GroupPartition } from './groups.types';

/**
 * Decodes a classic member's assignment (Kafka's ConsumerProtocolAssignment: version, then
 * [topic, [partition]], then user data). Only groups whose protocol type is "consumer" use this
 * format; anything else (Connect, an empty or unreadable buffer) gives no assignments.
 */
export function decodeClassicAssignment(protocolType: string, bytes: Buffer): GroupPartition[] {
  if (protocolType !== 'consumer' || bytes.length < 2) {
    return [];
  }
  try {
    const reader = Reader.from(bytes);
    reader.readInt16(); // version
    const topics = reader.readArray(
      (r) => ({
        topic: r.readString(false),
        partitions: r.readArray((p) => p.readInt32(), false, false),
      }),
      false,
      false,
    );
    return sortPartitions(
      topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
    );
  } catch {
    return [];
  }
}

export function sortPartitions<T extends GroupPartition>(partitions: T[]): T[] {
  return [...partitions].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
}
