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
  const missing = owned.filter((tp) => !positionsByKey.has(partitionKey(tp)));
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
  for (const o of await client.listOffsets(rest, policy)) {
    outOfRange.delete(partitionKey(o));
    if (!positionsByKey.has(partitionKey(o))) {
      positionsByKey.set(partitionKey(o), o.offset);
    }
  }
}
