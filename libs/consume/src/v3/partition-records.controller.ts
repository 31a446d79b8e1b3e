import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { clientGone } from '../shared/client-gone';
import { PartitionRecordsQuery } from './partition-records.dto';
import { PartitionRecordsService } from './partition-records.service';

/** Stateless consume of one partition (our extension; openapi/gateway-consume.yaml). */
@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/records'))
export class PartitionRecordsController {
  constructor(private readonly records: PartitionRecordsService) {}

  /** PartitionRecordsData, as JSON bytes written by the service (records are many). */
  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  read(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Query() query: PartitionRecordsQuery,
    @Urls() urls: ResourceUrls,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // A client that leaves ends the read's wait (and frees its connections) at once.
    return this.records.read(clusterId, topicName, partitionId, query, urls, clientGone(reply));
  }
}
