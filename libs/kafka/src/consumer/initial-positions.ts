import { KafkaError } from '../kafka-errors';
import { ConsumerClient } from './consumer-client';
import { NoOffsetError } from './consumer-state.error';
import { PollConsumerOptions, TopicPartition } from './consumer.types';
import { partitionKey } from './partition-key';

/**
 * Positions of owned partitions: the committed offset, else the reset policy (the reset policy
 * only, for partitions in `outOfRange`).
 */
export async function initializePositions(
  client: ConsumerClient,
  options: PollConsumerOptions,
  owned: TopicPartition[],
  positionsByKey: Map<string, number>,
  outOfRange: Set<string>,
): Promise<void> {
  const unplaced = owned.filter((tp) => !positionsByKey.has(partitionKey(tp)));
  if (unplaced.length === 0) {
    return;
  }
  const missing = await existing(client, unplaced);
  if (missing.length === 0) {
    return;
  }
  const fromCommit = missing.filter((tp) => !outOfRange.has(partitionKey(tp)));
  for (const c of await client.committed(fromCommit)) {
    positionsByKey.set(partitionKey(c), c.offset);
  }
  const rest = missing.filter((tp) => !positionsByKey.has(partitionKey(tp)));
  if (rest.length === 0) {
    return;
  }
  const policy = options.autoOffsetReset;
  if (policy === 'none') {
    throw new NoOffsetError(rest[0].topic, rest[0].partition);
  }
  // by_duration: Java's now.minus(duration).toEpochMilli(), kept at 0 or later (below are
  // ListOffsets' special timestamps).
  const spec =
    typeof policy === 'object'
      ? { timestamp: Math.max(0, Math.floor(Date.now() - policy.durationMs)) }
      : policy;
  for (const o of await client.listOffsets(rest, spec)) {
    outOfRange.delete(partitionKey(o));
    if (!positionsByKey.has(partitionKey(o))) {
      positionsByKey.set(partitionKey(o), o.offset);
    }
  }
}

/**
 * The partitions that exist. As with the Java client, an assigned partition of a topic that
 * does not exist (yet) gets no position and gives no records, rather than failing the poll; the
 * next poll looks again.
 */
async function existing(client: ConsumerClient, partitions: TopicPartition[]) {
  const counts = new Map<string, number>();
  for (const topic of new Set(partitions.map((tp) => tp.topic))) {
    const ids = await client.partitionsOf(topic).catch((error: unknown) => {
      if (error instanceof KafkaError && error.kind === 'TOPIC_NOT_FOUND') {
        return [];
      }
      throw error;
    });
    counts.set(topic, ids.length);
  }
  return partitions.filter((tp) => tp.partition < (counts.get(tp.topic) ?? 0));
}
