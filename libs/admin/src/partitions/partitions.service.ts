import { Injectable } from '@nestjs/common';
import { PartitionDescription, TopicAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import {
  EARLIEST_AND_LATEST,
  PartitionData,
  PartitionDataList,
  PartitionWithOffsetsData,
} from './partitions.dto';
import { toPartitionData, toPartitionWithOffsetsData } from './partitions.mapper';

@Injectable()
export class PartitionsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly topics: TopicAdmin,
  ) {}

  async list(clusterId: string, topic: string, urls: ResourceUrls): Promise<PartitionDataList> {
    await this.clusters.require(clusterId);
    const { partitions } = await this.topics.describeTopic(topic);
    const data = partitions.map((p) => toPartitionData(clusterId, topic, p, urls));
    return urls.collection(
      'KafkaPartitionList',
      ['clusters', clusterId, 'topics', topic, 'partitions'],
      data,
    );
  }

  async get(
    clusterId: string,
    topic: string,
    partitionId: number,
    urls: ResourceUrls,
  ): Promise<PartitionData> {
    await this.clusters.require(clusterId);
    return toPartitionData(clusterId, topic, await this.partition(topic, partitionId), urls);
  }

  async offsets(
    clusterId: string,
    topic: string,
    partitionId: number,
    offsetType: string | undefined,
    urls: ResourceUrls,
  ): Promise<PartitionWithOffsetsData> {
    if (offsetType !== undefined && offsetType !== EARLIEST_AND_LATEST) {
      // kafka-rest's ListPartitionOffsetsAction wording.
      throw RestError.badRequest(`offset_type:${offsetType} is invalid`);
    }
    await this.clusters.require(clusterId);
    const { partitions } = await this.topics.describeTopic(topic);
    // Unlike GET partition (40403), kafka-rest's offsets action answers Partition not found.
    if (!partitions.some((p) => p.partitionId === partitionId)) {
      throw new RestError('PARTITION_NOT_FOUND');
    }
    const offsets = await this.topics.partitionOffsets(topic, partitionId);
    return toPartitionWithOffsetsData(clusterId, topic, partitionId, offsets, urls);
  }

  private async partition(topic: string, partitionId: number): Promise<PartitionDescription> {
    const { partitions } = await this.topics.describeTopic(topic);
    const partition = partitions.find((p) => p.partitionId === partitionId);
    // An unknown topic is 40403 (describeTopic); kafka-rest's PartitionsResource answers an
    // unknown partition of a known one with the bare NotFoundException.
    if (partition === undefined) {
      throw new RestError('NOT_FOUND');
    }
    return partition;
  }
}
