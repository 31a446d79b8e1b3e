// eslint-disable-next-line no-restricted-imports -- tests need real consumer groups (members, assignments, commits) made by clients independent of the gateway
import { AssignerProtocol, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
// eslint-disable-next-line no-restricted-imports -- kafkajs has neither static membership nor the KIP-848 group protocol
import {
  Admin as PltAdmin,
  Consumer as PltConsumer,
  ConsumerOptions,
  MessagesStream,
} from '@platformatic/kafka';
import { expect, inject } from 'vitest';

export interface FixturePartition {
  topic: string;
  partition: number;
}

/** A member as Kafka itself describes it (kafkajs describeGroups): the tests' ground truth. */
export interface FixtureMember {
  memberId: string;
  clientId: string;
  assignments: FixturePartition[];
}

type AnyPltConsumer = PltConsumer<Buffer, Buffer, Buffer, Buffer>;

/**
 * Real Kafka clients for consumer-group tests: topics, records, commits and group members,
 * made with kafkajs (and @platformatic/kafka where kafkajs cannot) so the gateway's answers are
 * checked against what independent clients did. Call close() in afterAll.
 */
export class GroupFixtures {
  private readonly bootstrap = inject('kafkaBootstrap').split(',');
  private readonly kafka = new Kafka({
    clientId: 'group-fixtures',
    brokers: this.bootstrap,
    logLevel: logLevel.NOTHING,
  });
  private readonly admin = this.kafka.admin();
  private readonly pltAdmin = new PltAdmin({
    clientId: 'group-fixtures',
    bootstrapBrokers: this.bootstrap,
  });
  private producer?: Producer;
  private readonly consumers = new Set<Consumer>();
  private readonly pltConsumers = new Set<{
    consumer: AnyPltConsumer;
    stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  }>();
  private connected?: Promise<void>;

  async createTopic(topic: string, partitions: number): Promise<string> {
    await this.connect();
    await this.admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    return topic;
  }

  /** Writes `count` records to one partition, optionally all with one timestamp (ms). */
  async produce(
    topic: string,
    partition: number,
    count: number,
    timestamp?: number,
  ): Promise<void> {
    const producer = await this.getProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: count }, (_, i) => ({
        value: `record-${i}`,
        partition,
        timestamp: timestamp === undefined ? undefined : String(timestamp),
      })),
    });
  }

  /**
   * Writes records in a transaction left open: they raise the high watermark but not the last
   * stable offset until the transaction ends. Returns a function that aborts it.
   */
  async produceUncommitted(
    topic: string,
    partition: number,
    count: number,
  ): Promise<() => Promise<void>> {
    const producer = this.kafka.producer({
      transactionalId: `fixture-tx-${topic}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({
      topic,
      messages: Array.from({ length: count }, (_, i) => ({ value: `open-${i}`, partition })),
    });
    return async () => {
      await transaction.abort();
      await producer.disconnect();
    };
  }

  /**
   * Commits offsets as an admin (OffsetCommit with no member, as Kafka's own tool does): only
   * for a group without members. A group id Kafka does not know becomes a "simple" group.
   */
  async commit(groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
    await this.pltAdmin.alterConsumerGroupOffsets({
      groupId,
      topics: [
        {
          name: topic,
          partitionOffsets: Object.entries(offsets).map(([partition, offset]) => ({
            partition: Number(partition),
            offset: BigInt(offset),
          })),
        },
      ],
    });
  }

  /** Deletes the records of one partition before `offset` (DeleteRecords), as a test setup. */
  async deleteRecordsBefore(topic: string, partition: number, offset: number): Promise<void> {
    await this.pltAdmin.deleteRecords({
      topics: [{ name: topic, partitions: [{ partition, offset: BigInt(offset) }] }],
    });
  }

  /** Kafka's own view of the group's committed offsets, partition -> offset. */
  async committed(groupId: string, topic: string): Promise<Record<number, number>> {
    await this.connect();
    const [entry] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(
      entry.partitions
        .filter((p) => Number(p.offset) >= 0)
        .map((p) => [p.partition, Number(p.offset)]),
    );
  }

  /**
   * Low and high watermark of each partition, straight from Kafka (READ_UNCOMMITTED: the high
   * watermark counts records of open transactions, unlike kafkajs' fetchTopicOffsets).
   */
  async watermarks(topic: string): Promise<Record<number, { low: number; high: number }>> {
    await this.connect();
    const { partitions } = (await this.admin.fetchTopicMetadata({ topics: [topic] })).topics[0];
    const list = async (timestamp: bigint) => {
      const [listed] = await this.pltAdmin.listOffsets({
        topics: [
          {
            name: topic,
            partitions: partitions.map((p) => ({ partitionIndex: p.partitionId, timestamp })),
          },
        ],
        isolationLevel: 0,
      });
      return new Map(listed.partitions.map((p) => [p.partitionIndex, Number(p.offset)]));
    };
    const [low, high] = await Promise.all([list(-2n), list(-1n)]);
    return Object.fromEntries(
      partitions.map((p) => [
        p.partitionId,
        { low: low.get(p.partitionId)!, high: high.get(p.partitionId)! },
      ]),
    );
  }

  /**
   * Starts `clientIds.length` kafkajs members (one client id each) subscribed to `topic`, waits
   * until the group is stable with every partition assigned, and returns Kafka's description of
   * the members. They consume without committing, so committed offsets stay as the test set them.
   */
  async joinMembers(groupId: string, topic: string, clientIds: string[]): Promise<Consumer[]> {
    const started: Consumer[] = [];
    for (const clientId of clientIds) {
      const kafka = new Kafka({ clientId, brokers: this.bootstrap, logLevel: logLevel.NOTHING });
      const consumer = kafka.consumer({ groupId, heartbeatInterval: 300, sessionTimeout: 10_000 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachMessage: () => Promise.resolve() });
      this.consumers.add(consumer);
      started.push(consumer);
    }
    const partitions = (await this.admin.fetchTopicMetadata({ topics: [topic] })).topics[0]
      .partitions.length;
    await this.waitFor(async () => {
      const members = await this.members(groupId);
      const assigned = members.reduce((n, m) => n + m.assignments.length, 0);
      return members.length === clientIds.length && assigned === partitions;
    }, `group ${groupId} to be stable with ${clientIds.length} members`);
    return started;
  }

  /** A classic-protocol static member (group.instance.id), which kafkajs cannot be. */
  async joinStaticMember(
    groupId: string,
    topic: string,
    instanceId: string,
    clientId: string,
  ): Promise<void> {
    await this.startPlatformatic({ clientId, groupId, groupInstanceId: instanceId }, topic);
  }

  /** A KIP-848 member: the group becomes a CONSUMER-type group. */
  async joinConsumerProtocolMember(
    groupId: string,
    topic: string,
    clientId: string,
  ): Promise<void> {
    await this.startPlatformatic({ clientId, groupId, groupProtocol: 'consumer' }, topic);
  }

  /** Kafka's description of a classic group's members, sorted by member id. */
  async members(groupId: string): Promise<FixtureMember[]> {
    await this.connect();
    const { groups } = await this.admin.describeGroups([groupId]);
    const group = groups[0];
    if (group.state !== 'Stable') {
      return [];
    }
    return group.members
      .map((m) => {
        const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        const assignments = Object.entries(decoded?.assignment ?? {}).flatMap(([topic, parts]) =>
          parts.map((partition) => ({ topic, partition })),
        );
        assignments.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
        return { memberId: m.memberId, clientId: m.clientId, assignments };
      })
      .sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  }

  /** The broker coordinating the group, asked with FindCoordinator by another client. */
  async coordinatorOf(groupId: string): Promise<number> {
    const [found] = await this.pltAdmin.findCoordinator({ keyType: 0, keys: [groupId] });
    return found.nodeId;
  }

  /** Stops members: they leave the group (which becomes EMPTY once all are gone). */
  async leave(consumers: Consumer[]): Promise<void> {
    for (const consumer of consumers) {
      await consumer.disconnect();
      this.consumers.delete(consumer);
    }
  }

  async waitFor(
    condition: () => Promise<boolean>,
    what: string,
    timeoutMs = 30_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await condition().catch(() => false)) {
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect.fail(`timed out waiting for ${what}`);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    await Promise.allSettled(
      [...this.pltConsumers].map(async ({ consumer, stream }) => {
        await stream.close();
        await consumer.close();
      }),
    );
    await this.producer?.disconnect();
    await this.pltAdmin.close();
    if (this.connected !== undefined) {
      await this.admin.disconnect();
    }
  }

  private async startPlatformatic(
    group: {
      clientId: string;
      groupId: string;
      groupInstanceId?: string;
      groupProtocol?: 'consumer';
    },
    topic: string,
  ): Promise<void> {
    // The options type is a union on groupProtocol; heartbeat settings apply to classic only.
    const options = {
      bootstrapBrokers: this.bootstrap,
      ...group,
      heartbeatInterval: 300,
      sessionTimeout: 10_000,
    } as ConsumerOptions<Buffer, Buffer, Buffer, Buffer>;
    const consumer = new PltConsumer(options);
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    stream.resume();
    this.pltConsumers.add({ consumer, stream });
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect();
    return this.connected;
  }

  private async getProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    return this.producer;
  }
}
