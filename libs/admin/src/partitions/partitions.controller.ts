import { Controller, Get, Param, Query } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { PartitionData, PartitionDataList, PartitionWithOffsetsData } from './partitions.dto';
import { PartitionsService } from './partitions.service';

@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name/partitions'))
export class PartitionsController {
  constructor(private readonly partitions: PartitionsService) {}

  @Get()
  list(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Urls() urls: ResourceUrls,
  ): Promise<PartitionDataList> {
    return this.partitions.list(clusterId, topicName, urls);
  }

  @Get(':partition_id')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<PartitionData> {
    return this.partitions.get(clusterId, topicName, partitionId, urls);
  }

  @Get(':partition_id/offset')
  offsets(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Query('offset_type') offsetType: string | string[] | undefined,
    @Urls() urls: ResourceUrls,
  ): Promise<PartitionWithOffsetsData> {
    // Jersey's @QueryParam takes the first of repeated values.
    const first = Array.isArray(offsetType) ? offsetType[0] : offsetType;
    return this.partitions.offsets(clusterId, topicName, partitionId, first, urls);
  }
}
