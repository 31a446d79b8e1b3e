import { readAssignment } from '../consumer/consumer-protocol';
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
    return sortPartitions(readAssignment(bytes));
  } catch {
    return [];
  }
}

export function sortPartitions<T extends GroupPartition>(partitions: T[]): T[] {
  return [...partitions].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
}
