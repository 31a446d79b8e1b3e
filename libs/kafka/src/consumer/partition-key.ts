import { TopicPartition } from './consumer.types';

/** A topic-partition as a map key. */
export const partitionKey = (tp: TopicPartition): string => `${tp.topic}\u0000${tp.partition}`;

/** The partitions without repeats, in the order they first appear. */
export function dedupe(partitions: TopicPartition[]): TopicPartition[] {
  const seen = new Map(
    partitions.map((p) => [partitionKey(p), { topic: p.topic, partition: p.partition }]),
  );
  return [...seen.values()];
}
