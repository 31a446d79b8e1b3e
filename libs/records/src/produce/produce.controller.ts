import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { noteReceipt, v3Paths } from '@gateway/rest';
import { ProduceBatchResponse } from '../batch/batch.dto';
import { BatchProduceService } from '../batch/batch.service';

/** `records:batch`; `POST .../records` itself is registered on Fastify (produce-route.ts). */
@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name'))
export class ProduceController {
  constructor(private readonly batches: BatchProduceService) {}

  // `::` is find-my-way's escape for a literal ':' (`records:batch`), not a path parameter.
  @Post('records::batch')
  @HttpCode(207)
  async produceBatch(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<ProduceBatchResponse> {
    const response = await this.batches.produceBatch(clusterId, topicName, body, idempotencyKey);
    response.failures.forEach((failure) => noteReceipt(request.raw, failure));
    return response;
  }
}
