import {
  ConsumerGroupDescription,
  ConsumerGroupMember,
  GroupPartitionOffset,
  ListedPartitionOffset,
} from '@gateway/kafka';

/** The lag of one partition the group has committed on (kafka-rest's ConsumerLag). */
export interface PartitionLag {
  topic: string;
  partition: number;
  currentOffset: number;
  logEndOffset: number;
  /** log end - committed; negative if the group committed past the end (kafka-rest keeps it). */
  lag: number;
  /** "" (and null instance id) for a partition no member owns right now, as kafka-rest does. */
  consumerId: string;
  instanceId: string | null;
  clientId: string;
}

export interface LagSummary {
  max: PartitionLag;
  /** The largest lag, negative lags counting as 0. */
  maxLag: number;
  totalLag: number;
}

/**
 * One lag per committed partition whose log end offset is known, in the order of `committed`.
 * Partitions with an unknown log end are skipped, as kafka-rest does.
 */
export function computeLags(
  group: ConsumerGroupDescription,
  committed: GroupPartitionOffset[],
  logEnd: ListedPartitionOffset[],
): PartitionLag[] {
  const owners = new Map<string, ConsumerGroupMember>();
  for (const member of group.members) {
    member.assignments.forEach((a) => owners.set(key(a.topic, a.partition), member));
  }
  const ends = new Map(logEnd.map((e) => [key(e.topic, e.partition), e.offset]));
  const lags: PartitionLag[] = [];
  for (const c of committed) {
    const end = ends.get(key(c.topic, c.partition));
    if (end === undefined || end === null) {
      continue;
    }
    const owner = owners.get(key(c.topic, c.partition));
    lags.push({
      topic: c.topic,
      partition: c.partition,
      currentOffset: c.offset,
      logEndOffset: end,
      lag: end - c.offset,
      consumerId: owner?.consumerId ?? '',
      instanceId: owner?.instanceId ?? null,
      clientId: owner?.clientId ?? '',
    });
  }
  return lags;
}

/** kafka-rest's list order: largest lag first, then topic name, then partition. */
export function sortByLag(lags: PartitionLag[]): PartitionLag[] {
  return [...lags].sort(
    (a, b) =>
      b.lag - a.lag ||
      (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) ||
      a.partition - b.partition,
  );
}

/**
 * Max and total as kafka-rest's ConsumerGroupLagSummary builder adds them up: negative lags
 * count as 0 and the first partition with the largest lag wins a tie (here: in topic and
 * partition order, which `lags` is expected to follow).
 */
export function summarizeLags(lags: PartitionLag[]): LagSummary | undefined {
  let summary: LagSummary | undefined;
  for (const lag of lags) {
    const value = Math.max(0, lag.lag);
    if (summary === undefined) {
      summary = { max: lag, maxLag: value, totalLag: value };
      continue;
    }
    if (value > summary.maxLag) {
      summary.max = lag;
      summary.maxLag = value;
    }
    summary.totalLag += value;
  }
  return summary;
}

function key(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}
