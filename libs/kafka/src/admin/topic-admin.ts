import { Injectable } from '@nestjs/common';
import { createPartitionsV3, createTopicsV7, metadataV12 } from '@platformatic/kafka';
import { KafkaError, topicNotFound } from '../kafka-errors';
import { CreatedTopic, NewTopic, PartitionOffsets, TopicDescription } from '../kafka.types';
import { KafkaClients } from '../kafka-clients';
import { OffsetAdmin } from '../groups/offset-admin';
import { decodeAuthorizedOperations } from './authorized-operations';
import { ClusterMetadata } from './cluster-metadata';
import { pollUntil } from '../poll-until';

type MetadataTopic = metadataV12.MetadataResponseTopic;

const ADMIN_TIMEOUT_MS = 30_000;

/** Topic and partition administration. */
export abstract class TopicAdmin {
  /**
   * Every topic but the internal ones (`__consumer_offsets`, `__transaction_state`), as the
   * Java AdminClient's listTopics lists them for kafka-rest, sorted by name. describeTopic still
   * finds internal topics.
   */
  abstract listTopics(includeAuthorizedOperations?: boolean): Promise<TopicDescription[]>;
  /** Every topic the cluster hosts, the internal ones included, sorted by name. */
  abstract listAllTopics(): Promise<TopicDescription[]>;
  abstract describeTopic(
    name: string,
    includeAuthorizedOperations?: boolean,
  ): Promise<TopicDescription>;
  abstract createTopic(topic: NewTopic): Promise<CreatedTopic>;
  abstract deleteTopic(name: string): Promise<void>;
  /** Raises the partition count; Kafka refuses the same or a lower count. */
  abstract createPartitions(name: string, totalCount: number): Promise<void>;
  /**
   * The log start and the high watermark, read uncommitted as kafka-rest's ListOffsets: records
   * of a transaction still open count (the lag APIs read committed instead).
   */
  abstract partitionOffsets(name: string, partitionId: number): Promise<PartitionOffsets>;
}

@Injectable()
export class KafkaTopicAdmin extends TopicAdmin {
  constructor(
    private readonly clients: KafkaClients,
    private readonly metadata: ClusterMetadata,
    private readonly offsets: OffsetAdmin,
  ) {
    super();
  }

  async listTopics(includeAuthorizedOperations = false): Promise<TopicDescription[]> {
    return (await this.describeTopics(includeAuthorizedOperations)).filter((t) => !t.isInternal);
  }

  listAllTopics(): Promise<TopicDescription[]> {
    return this.describeTopics(false);
  }

  private async describeTopics(includeAuthorizedOperations: boolean): Promise<TopicDescription[]> {
    const response = await this.metadata.fetch(null, includeAuthorizedOperations);
    return (
      response.topics
        .filter((t) => t.errorCode === 0 && t.name !== null)
        .map((t) => toTopicDescription(t, includeAuthorizedOperations))
        // Java String.compareTo order (UTF-16 code units), as kafka-rest sorts, not locale order.
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    );
  }

  async describeTopic(
    name: string,
    includeAuthorizedOperations = false,
  ): Promise<TopicDescription> {
    const response = await this.metadata.fetch([name], includeAuthorizedOperations);
    const topic = response.topics.find((t) => t.name === name);
    if (topic === undefined || topic.errorCode !== 0) {
      throw topicNotFound();
    }
    return toTopicDescription(topic, includeAuthorizedOperations);
  }

  async createTopic(topic: NewTopic): Promise<CreatedTopic> {
    const assignments = Object.entries(topic.replicasAssignments ?? {}).map(([p, brokerIds]) => ({
      partitionIndex: Number(p),
      brokerIds,
    }));
    const useAssignments = assignments.length > 0;
    const request = {
      name: topic.name,
      // -1 lets the broker apply its defaults (num.partitions, default.replication.factor).
      numPartitions: useAssignments ? -1 : (topic.partitionsCount ?? -1),
      replicationFactor: useAssignments ? -1 : (topic.replicationFactor ?? -1),
      assignments,
      configs: (topic.configs ?? []).map((c) => ({ name: c.name, value: c.value })),
    };
    const response = await this.clients.onAnyBroker((connection) =>
      createTopicsV7.api.async(
        connection,
        [request],
        ADMIN_TIMEOUT_MS,
        topic.validateOnly ?? false,
      ),
    );
    const created = response.topics[0];
    if (!topic.validateOnly) {
      await this.awaitVisible(topic.name);
    }
    return {
      name: topic.name,
      partitionsCount: created.numPartitions,
      replicationFactor: created.replicationFactor,
    };
  }

  async deleteTopic(name: string): Promise<void> {
    await this.requireTopic(name);
    await this.clients.withAdmin((admin) =>
      admin.deleteTopics({ topics: [name], timeout: ADMIN_TIMEOUT_MS }),
    );
  }

  async createPartitions(name: string, totalCount: number): Promise<void> {
    await this.requireTopic(name);
    await this.clients.onAnyBroker((connection) =>
      createPartitionsV3.api.async(
        connection,
        [{ name, count: totalCount, assignments: null }],
        ADMIN_TIMEOUT_MS,
        false,
      ),
    );
    await this.awaitVisible(name, totalCount);
  }

  async partitionOffsets(name: string, partitionId: number): Promise<PartitionOffsets> {
    const partition = [{ topic: name, partition: partitionId }];
    const [earliest, latest] = await Promise.all([
      this.offsets.listOffsets(partition, 'EARLIEST', 'READ_UNCOMMITTED'),
      this.offsets.listOffsets(partition, 'LATEST', 'READ_UNCOMMITTED'),
    ]);
    const [low, high] = [earliest[0]?.offset, latest[0]?.offset];
    if (low === undefined || low === null || high === undefined || high === null) {
      throw topicNotFound();
    }
    return { earliest: low, latest: high };
  }

  /**
   * The topic a delete or a partition change names must exist. Kafka's DeleteTopics and
   * CreatePartitions answer an illegal name as an unknown topic (40403, as kafka-rest relays
   * it); Metadata calls it invalid (40002, what a GET of it answers).
   */
  private async requireTopic(name: string): Promise<void> {
    await this.describeTopic(name).catch((error: unknown) => {
      throw error instanceof KafkaError && error.kind === 'INVALID_TOPIC' ? topicNotFound() : error;
    });
  }

  /** Metadata reaches every broker shortly after the controller commits it; wait for that. */
  private awaitVisible(name: string, partitions?: number): Promise<void> {
    return pollUntil(async () => {
      const topic = await this.describeTopic(name).catch(() => undefined);
      return (
        topic !== undefined &&
        (partitions === undefined || topic.partitions.length >= partitions) &&
        topic.partitions.every((p) => p.leaderId !== null)
      );
    }, 10_000);
  }
}

function toTopicDescription(
  topic: MetadataTopic,
  withAuthorizedOperations = false,
): TopicDescription {
  const description: TopicDescription = {
    name: topic.name ?? '',
    isInternal: topic.isInternal,
    partitions: topic.partitions
      .map((p) => ({
        partitionId: p.partitionIndex,
        leaderId: p.leaderId >= 0 ? p.leaderId : null,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
      }))
      .sort((a, b) => a.partitionId - b.partitionId),
  };
  if (withAuthorizedOperations) {
    description.authorizedOperations = decodeAuthorizedOperations(topic.topicAuthorizedOperations);
  }
  return description;
}
