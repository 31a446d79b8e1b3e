import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v3Paths } from '@gateway/rest';
import { ProduceBatchResponse } from '../batch/batch.dto';
import { BatchProduceService } from '../batch/batch.service';
import { ProduceStreamService } from '../streaming/produce-stream.service';

@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name'))
export class ProduceController {
  constructor(
    private readonly streams: ProduceStreamService,
    private readonly batches: BatchProduceService,
  ) {}

  /** One record or a stream of them; the receipts stream back as they complete. */
  @Post('records')
  produce(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.streams.handle(clusterId, topicName, request, reply);
  }

  // `::` is find-my-way's escape for a literal ':' (`records:batch`), not a path parameter.
  @Post('records::batch')
  @HttpCode(207)
  produceBatch(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<ProduceBatchResponse> {
    return this.batches.produceBatch(clusterId, topicName, body, idempotencyKey);
  }
}
