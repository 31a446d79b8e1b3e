import { runInNewContext } from 'node:vm';
import { KafkaError } from '../kafka-errors';

// A topic_pattern is the client's own regular expression. One that backtracks catastrophically
// on some topic name (`(.?){40}!`) would hold the event loop, and so the whole gateway, for
// good: the matching runs under a time limit instead.
const MATCH_TIMEOUT_MS = 200;

/** The topics a subscription pattern matches as a whole (as Java's Pattern.matcher().matches()). */
export function topicsMatching(pattern: string, topics: string[]): string[] {
  const re = new RegExp(`^(?:${pattern})$`);
  try {
    const matched = runInNewContext(
      'topics.filter((topic) => re.test(topic))',
      { topics, re },
      { timeout: MATCH_TIMEOUT_MS },
    ) as string[];
    return [...matched].sort();
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new KafkaError(
        'BAD_REQUEST',
        `topic_pattern ${pattern} takes too long to match the topic names`,
        false,
      );
    }
    throw error;
  }
}
