import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { noteErrorCode, PathIntPipe } from '@gateway/rest';
import { V2_CONTENT_TYPE, V2ProduceResponse, v2Format } from './produce-v2.dto';
import { ProduceV2Service, V2ProduceResult } from './produce-v2.service';

/** v2 produce; the Content-Type (`application/vnd.kafka.{binary,json,avro,jsonschema,protobuf}.v2+json`) picks the format. */
@Controller('topics/:topic_name')
export class ProduceV2Controller {
  constructor(private readonly v2: ProduceV2Service) {}

  @Post()
  async produceToTopic(
    @Param('topic_name') topic: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<V2ProduceResponse> {
    const result = await this.v2.produceRecords(topic, undefined, body, v2Format(contentType));
    return answer(reply, result);
  }

  @Post('partitions/:partition_id')
  async produceToPartition(
    @Param('topic_name') topic: string,
    @Param('partition_id', PathIntPipe) partition: number,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<V2ProduceResponse> {
    const result = await this.v2.produceRecords(topic, partition, body, v2Format(contentType));
    return answer(reply, result);
  }
}

/** The v2 answer; each failed record's code goes to the request log. */
function answer(reply: FastifyReply, result: V2ProduceResult): V2ProduceResponse {
  for (const offset of result.body.offsets) {
    if (offset.error_code !== null) {
      noteErrorCode(reply.request.raw, offset.error_code);
    }
  }
  void reply.status(result.status).type(V2_CONTENT_TYPE);
  return result.body;
}
