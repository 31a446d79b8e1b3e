import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import {
  CreateTopicRequest,
  isTrue,
  TopicData,
  TopicDataList,
  UpdatePartitionCountRequest,
} from './topics.dto';
import { TopicsService } from './topics.service';

@Controller(v3Paths('clusters/:cluster_id/topics'))
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  list(
    @Param('cluster_id') clusterId: string,
    @Query('includeAuthorizedOperations') authorizedOps: string | string[] | undefined,
    @Urls() urls: ResourceUrls,
  ): Promise<TopicDataList> {
    return this.topics.list(clusterId, isTrue(authorizedOps), urls);
  }

  /** 201 with a Location header; 200 when `validate_only` (nothing was created). */
  @Post()
  async create(
    @Param('cluster_id') clusterId: string,
    @Body(new ZodBodyPipe(CreateTopicRequest)) body: CreateTopicRequest,
    @Urls() urls: ResourceUrls,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TopicData> {
    const topic = await this.topics.create(clusterId, body, urls);
    void reply
      .status(body.validate_only === true ? 200 : 201)
      .header('Location', topic.metadata.self);
    return topic;
  }

  @Get(':topic_name')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Query('include_authorized_operations') authorizedOps: string | string[] | undefined,
    @Urls() urls: ResourceUrls,
  ): Promise<TopicData> {
    return this.topics.get(clusterId, topicName, isTrue(authorizedOps), urls);
  }

  @Patch(':topic_name')
  updatePartitionCount(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Body(
      new ZodBodyPipe(
        UpdatePartitionCountRequest,
        'Request body is empty. Partitions_count is required.',
      ),
    )
    body: UpdatePartitionCountRequest,
    @Urls() urls: ResourceUrls,
  ): Promise<TopicData> {
    return this.topics.updatePartitionCount(clusterId, topicName, body, urls);
  }

  @Delete(':topic_name')
  @HttpCode(204)
  delete(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
  ): Promise<void> {
    return this.topics.delete(clusterId, topicName);
  }
}
