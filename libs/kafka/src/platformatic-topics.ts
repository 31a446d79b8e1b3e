import { topicNotFound } from './kafka-errors';

/**
 * @platformatic/kafka leaves internal topics (`__consumer_offsets`) out of its metadata, and
 * its listOffsets and deleteRecords then read a missing entry in a response callback: the
 * TypeError escapes every promise and ends the process. Calls naming topics check here first,
 * with the client's own metadata; a topic it lacks is TOPIC_NOT_FOUND.
 */
export async function requireTopicsKnown(
  metadata: (topics: string[]) => Promise<{ topics: Map<string, unknown> }>,
  topics: string[],
): Promise<void> {
  const { topics: known } = await metadata(topics);
  if (topics.some((topic) => known.get(topic) === undefined)) {
    throw topicNotFound();
  }
}
