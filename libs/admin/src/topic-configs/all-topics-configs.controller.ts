import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { AllTopicsConfigsService } from './all-topics-configs.service';
import {
  AlterTopicsConfigsBatchRequest,
  AlterTopicsConfigsBatchResponse,
  TopicConfigDataList,
} from './topic-configs.dto';

/** `-` is kafka-rest's "every topic" wildcard; a static segment wins over `:topic_name`. */
@Controller(v3Paths('clusters/:cluster_id/topics/-'))
export class AllTopicsConfigsController {
  constructor(private readonly configs: AllTopicsConfigsService) {}

  @Get('configs')
  list(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<TopicConfigDataList> {
    return this.configs.list(clusterId, urls);
  }

  /** 204 when every topic was altered, 207 with the failures otherwise. */
  @Post('configs::alter')
  async alter(
    @Param('cluster_id') clusterId: string,
    @Body(new ZodBodyPipe(AlterTopicsConfigsBatchRequest)) body: AlterTopicsConfigsBatchRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AlterTopicsConfigsBatchResponse | undefined> {
    const failures = await this.configs.alter(clusterId, body);
    void reply.status(failures === undefined ? 204 : 207);
    return failures;
  }
}
