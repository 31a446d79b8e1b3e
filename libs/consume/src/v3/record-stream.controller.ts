import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { v3Paths } from '@gateway/rest';
import { RecordStreamQuery } from './record-stream.dto';
import { RecordStreamService } from './record-stream.service';

/** Streaming consume of a topic as SSE or NDJSON (our extension; gateway-consume.yaml). */
@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name'))
export class RecordStreamController {
  constructor(private readonly streams: RecordStreamService) {}

  // Fastify needs `::` for a literal colon in a path.
  @Get('records::stream')
  stream(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Query() query: RecordStreamQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.streams.stream(clusterId, topicName, query, accept, lastEventId, reply);
  }
}
