import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { AlterConfigBatchRequest, UpdateConfigRequest } from './abstract-config.dto';
import { TopicConfigData, TopicConfigDataList } from './topic-configs.dto';
import { TopicConfigsService } from './topic-configs.service';

// `::` is find-my-way's escape for a literal ':' (`configs:alter`), not a path parameter.
@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name'))
export class TopicConfigsController {
  constructor(private readonly configs: TopicConfigsService) {}

  @Get('configs')
  list(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Urls() urls: ResourceUrls,
  ): Promise<TopicConfigDataList> {
    return this.configs.list(clusterId, topicName, urls);
  }

  @Post('configs::alter')
  @HttpCode(204)
  alter(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Body(new ZodBodyPipe(AlterConfigBatchRequest)) body: AlterConfigBatchRequest,
  ): Promise<void> {
    return this.configs.alter(clusterId, topicName, body);
  }

  @Get('configs/:name')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('name') name: string,
    @Urls() urls: ResourceUrls,
  ): Promise<TopicConfigData> {
    return this.configs.get(clusterId, topicName, name, urls);
  }

  @Put('configs/:name')
  @HttpCode(204)
  update(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('name') name: string,
    @Body(new ZodBodyPipe(UpdateConfigRequest)) body: UpdateConfigRequest,
  ): Promise<void> {
    return this.configs.update(clusterId, topicName, name, body);
  }

  @Delete('configs/:name')
  @HttpCode(204)
  reset(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('name') name: string,
  ): Promise<void> {
    return this.configs.reset(clusterId, topicName, name);
  }
}
