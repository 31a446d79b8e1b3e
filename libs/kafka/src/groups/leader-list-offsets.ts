import { FetchIsolationLevels, listOffsetsV9 } from '@platformatic/kafka';
import { ClusterMetadata } from '../admin/cluster-metadata';
import { topicNotFound } from '../kafka-errors';
import { GroupsClient } from './groups-client';
import { OffsetIsolationLevel } from './groups.types';

export interface LeaderOffsetsRequest {
  name: string;
  partitions: { partitionIndex: number; timestamp: bigint }[];
}

export interface LeaderOffsetsTopic {
  name: string;
  partitions: { partitionIndex: number; offset: bigint }[];
}

/**
 * ListOffsets sent to each partition's leader as Kafka's own metadata names it. The library's
 * listOffsets cannot name internal topics (platformatic-topics.ts), whose offsets and lags
 * kafka-rest still reports; this path serves those.
 */
export async function listOffsetsFromLeaders(
  client: GroupsClient,
  cluster: ClusterMetadata,
  topics: LeaderOffsetsRequest[],
  isolation: OffsetIsolationLevel,
): Promise<LeaderOffsetsTopic[]> {
  const metadata = await cluster.fetch(topics.map((t) => t.name));
  const brokers = new Map(metadata.brokers.map((b) => [b.nodeId, b]));
  const byLeader = new Map<number, LeaderOffsetsRequest[]>();
  for (const topic of topics) {
    const described = metadata.topics.find((t) => t.name === topic.name);
    for (const partition of topic.partitions) {
      const leader =
        described?.partitions.find((p) => p.partitionIndex === partition.partitionIndex)
          ?.leaderId ?? -1;
      const requests = byLeader.get(leader) ?? [];
      let request = requests.find((r) => r.name === topic.name);
      if (request === undefined) {
        request = { name: topic.name, partitions: [] };
        requests.push(request);
      }
      request.partitions.push(partition);
      byLeader.set(leader, requests);
    }
  }
  const answers = await Promise.all(
    [...byLeader].map(([leader, requests]) => {
      const broker = brokers.get(leader);
      if (broker === undefined) {
        // No such partition, or no leader now: what Kafka answers for it.
        throw topicNotFound();
      }
      return client.onBroker({ nodeId: leader, host: broker.host, port: broker.port }, (c) =>
        listOffsetsV9.api.async(
          c,
          -1,
          FetchIsolationLevels[isolation],
          requests.map((r) => ({
            name: r.name,
            partitions: r.partitions.map((p) => ({ ...p, currentLeaderEpoch: -1 })),
          })),
        ),
      );
    }),
  );
  return answers.flatMap((answer) => answer.topics);
}
