import { Injectable } from '@nestjs/common';
import {
  ClusterAdmin,
  ConfigAdmin,
  PartitionDescription,
  TopicAdmin,
  TopicDescription,
} from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import { V2Partition, V2PartitionOffsets, V2Topic } from './v2-metadata.dto';

/** The v2 metadata API: bare arrays and objects, and v2's own not-found codes. */
@Injectable()
export class V2MetadataService {
  constructor(
    private readonly cluster: ClusterAdmin,
    private readonly topics: TopicAdmin,
    private readonly configs: ConfigAdmin,
  ) {}

  async brokers(): Promise<{ brokers: number[] }> {
    const cluster = await this.cluster.describeCluster();
    return { brokers: cluster.brokers.map((b) => b.brokerId) };
  }

  /** Topic names (internal topics are not listed). */
  async topicNames(): Promise<string[]> {
    const topics = await this.topics.listTopics();
    return topics.map((t) => t.name);
  }

  async topic(name: string): Promise<V2Topic> {
    const topic = await this.describe(name);
    const configs = await this.configs.describe({ type: 'TOPIC', topicName: name });
    return {
      name,
      configs: Object.fromEntries(
        configs.filter((c) => c.value !== null).map((c) => [c.name, c.value as string]),
      ),
      partitions: topic.partitions.map(toV2Partition),
    };
  }

  async partitions(topicName: string): Promise<V2Partition[]> {
    return (await this.describe(topicName)).partitions.map(toV2Partition);
  }

  async partition(topicName: string, partitionId: number): Promise<V2Partition> {
    return toV2Partition(await this.findPartition(topicName, partitionId));
  }

  async offsets(topicName: string, partitionId: number): Promise<V2PartitionOffsets> {
    await this.findPartition(topicName, partitionId);
    const offsets = await this.topics.partitionOffsets(topicName, partitionId);
    return { beginning_offset: offsets.earliest, end_offset: offsets.latest };
  }

  /** An unknown topic is Kafka's 40403, as in v3 (kafka-rest MetadataApiTest.testTopicsList). */
  private describe(name: string): Promise<TopicDescription> {
    return this.topics.describeTopic(name);
  }

  private async findPartition(
    topicName: string,
    partitionId: number,
  ): Promise<PartitionDescription> {
    const partition = (await this.describe(topicName)).partitions.find(
      (p) => p.partitionId === partitionId,
    );
    if (partition === undefined) {
      throw new RestError('PARTITION_NOT_FOUND');
    }
    return partition;
  }
}

function toV2Partition(partition: PartitionDescription): V2Partition {
  return {
    partition: partition.partitionId,
    leader: partition.leaderId ?? -1,
    replicas: partition.replicas.map((broker) => ({
      broker,
      leader: broker === partition.leaderId,
      in_sync: partition.isr.includes(broker),
    })),
  };
}
