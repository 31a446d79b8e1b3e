import { Controller, Get, Param } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import {
  ConsumerAssignmentData,
  ConsumerAssignmentDataList,
  ConsumerData,
  ConsumerDataList,
} from './consumer-groups.dto';
import { ConsumersService } from './consumers.service';

@Controller(v3Paths('clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers'))
export class ConsumersController {
  constructor(private readonly consumers: ConsumersService) {}

  @Get()
  list(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerDataList> {
    return this.consumers.list(clusterId, groupId, urls);
  }

  @Get(':consumer_id')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Param('consumer_id') consumerId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerData> {
    return this.consumers.get(clusterId, groupId, consumerId, urls);
  }

  @Get(':consumer_id/assignments')
  listAssignments(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Param('consumer_id') consumerId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerAssignmentDataList> {
    return this.consumers.listAssignments(clusterId, groupId, consumerId, urls);
  }

  @Get(':consumer_id/assignments/:topic_name/partitions/:partition_id')
  getAssignment(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Param('consumer_id') consumerId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerAssignmentData> {
    return this.consumers.getAssignment(
      clusterId,
      groupId,
      consumerId,
      topicName,
      partitionId,
      urls,
    );
  }
}
