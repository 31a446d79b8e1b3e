import { offsetCommitV8, offsetFetchV8 } from '@platformatic/kafka';
import { CommitRequest, CommittedOffset } from './consumer.types';

/** The group generation a commit is made in; without one, a standalone commit. */
export interface GroupMember {
  memberId: string;
  generationId: number;
}

/** The topics of an OffsetCommit request: the offsets grouped by topic. */
export function offsetCommitTopics(
  offsets: CommitRequest[],
): offsetCommitV8.OffsetCommitRequestTopic[] {
  const topics = new Map<string, offsetCommitV8.OffsetCommitRequestTopic>();
  for (const o of offsets) {
    const topic = topics.get(o.topic) ?? { name: o.topic, partitions: [] };
    topic.partitions.push({
      partitionIndex: o.partition,
      committedOffset: BigInt(o.offset),
      committedLeaderEpoch: -1,
      committedMetadata: o.metadata ?? '',
    });
    topics.set(o.topic, topic);
  }
  return [...topics.values()];
}

/** The committed offsets of an OffsetFetch answer; partitions without one are left out. */
export function committedOffsetsOf(response: offsetFetchV8.OffsetFetchResponse): CommittedOffset[] {
  const result: CommittedOffset[] = [];
  for (const topic of response.groups[0]?.topics ?? []) {
    for (const p of topic.partitions) {
      if (p.committedOffset >= 0n) {
        result.push({
          topic: topic.name,
          partition: p.partitionIndex,
          offset: Number(p.committedOffset),
          metadata: p.metadata ?? null,
        });
      }
    }
  }
  return result;
}
