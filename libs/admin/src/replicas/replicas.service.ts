import { Injectable } from '@nestjs/common';
import { PartitionDescription, TopicAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { ReplicaData, ReplicaDataList } from './replicas.dto';
import { toReplicaData, toReplicaDataList } from './replicas.mapper';

@Injectable()
export class ReplicasService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly topics: TopicAdmin,
  ) {}

  async list(
    clusterId: string,
    topic: string,
    partitionId: number,
    urls: ResourceUrls,
  ): Promise<ReplicaDataList> {
    await this.clusters.require(clusterId);
    const partition = await this.partition(clusterId, topic, partitionId);
    return urls.collection(
      'KafkaReplicaList',
      ['clusters', clusterId, 'topics', topic, 'partitions', partitionId, 'replicas'],
      toReplicaDataList(clusterId, topic, partition, urls),
    );
  }

  async get(
    clusterId: string,
    topic: string,
    partitionId: number,
    brokerId: number,
    urls: ResourceUrls,
  ): Promise<ReplicaData> {
    await this.clusters.require(clusterId);
    const partition = await this.partition(clusterId, topic, partitionId);
    if (!partition.replicas.includes(brokerId)) {
      throw RestError.notFound();
    }
    return toReplicaData(clusterId, topic, partition, brokerId, urls);
  }

  /**
   * kafka-rest's ListAllReplicasAction (`topics/-/replicas`, not in its OpenAPI spec): every
   * replica of every topic, in topic name then partition order.
   */
  async listAll(clusterId: string, urls: ResourceUrls): Promise<ReplicaDataList> {
    await this.clusters.require(clusterId);
    const data = (await this.topics.listTopics()).flatMap((t) =>
      t.partitions.flatMap((p) => toReplicaDataList(clusterId, t.name, p, urls)),
    );
    return urls.collection(
      'KafkaReplicaList',
      ['clusters', clusterId, 'topics', '-', 'replicas'],
      data,
    );
  }

  /**
   * Every replica the broker hosts, internal topics' too (kafka-rest lists the broker's log
   * dirs), sorted by topic name then partition, as kafka-rest does.
   */
  async searchByBroker(
    clusterId: string,
    brokerId: number,
    urls: ResourceUrls,
  ): Promise<ReplicaDataList> {
    const cluster = await this.clusters.require(clusterId);
    if (!cluster.brokers.some((b) => b.brokerId === brokerId)) {
      throw new RestError('NOT_FOUND', `Broker ${brokerId} cannot be found.`);
    }
    const data = (await this.topics.listAllTopics()).flatMap((t) =>
      t.partitions
        .filter((p) => p.replicas.includes(brokerId))
        .map((p) => toReplicaData(clusterId, t.name, p, brokerId, urls)),
    );
    return urls.collection(
      'KafkaReplicaList',
      ['clusters', clusterId, 'brokers', brokerId, 'partition-replicas'],
      data,
    );
  }

  private async partition(
    clusterId: string,
    topic: string,
    partitionId: number,
  ): Promise<PartitionDescription> {
    const { partitions } = await this.topics.describeTopic(topic);
    const partition = partitions.find((p) => p.partitionId === partitionId);
    // kafka-rest's ReplicaManager wording; an unknown topic is Kafka's 40403 before this.
    if (partition === undefined) {
      throw new RestError(
        'NOT_FOUND',
        `Partition ${partitionId} of topic ${topic} could not be found on cluster ${clusterId}.`,
      );
    }
    return partition;
  }
}
