import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ResourceUrls, RestError, Urls, ZodBodyPipe } from '@gateway/rest';
import {
  CommitRequestBody,
  CreateConsumerRequest,
  CreateConsumerResponse,
  PartitionsRequest,
  PositionsRequest,
  SubscriptionRequest,
} from './consumers.dto';
import { clientGone } from '../shared/client-gone';
import { ConsumeErrors } from '../shared/consume-errors';
import { ConsumerReadsService, RecordsQuery } from './consumer-reads.service';
import { ConsumersService } from './consumers.service';
import { GetBodyPipe, RawRequest } from './get-body.pipe';
import { KAFKA_V2_JSON } from './v2-media';
import { OptionalBodyPipe } from './optional-body.pipe';

const INSTANCE = ':group_name/instances/:instance';

/** Confluent's v2 consumer API (no prefix, as REST Proxy serves it). */
@Controller('consumers')
export class ConsumersController {
  constructor(
    private readonly consumers: ConsumersService,
    private readonly reads: ConsumerReadsService,
  ) {}

  @Post(':group_name')
  @HttpCode(200)
  @Header('Content-Type', KAFKA_V2_JSON)
  create(
    @Param('group_name') group: string,
    @Body(new OptionalBodyPipe(CreateConsumerRequest)) body: CreateConsumerRequest | undefined,
    @Urls() urls: ResourceUrls,
  ): CreateConsumerResponse {
    // kafka-rest takes a missing body as all defaults.
    return this.consumers.create(
      group,
      body ?? CreateConsumerRequest.parse({}),
      urls.baseUrl.replace(/(\/kafka)?\/v3$/, ''),
    );
  }

  @Delete(INSTANCE)
  @HttpCode(204)
  delete(@Param('group_name') group: string, @Param('instance') name: string): Promise<void> {
    return this.consumers.delete(group, name);
  }

  @Post(`${INSTANCE}/subscription`)
  @HttpCode(204)
  subscribe(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Body(new ZodBodyPipe(SubscriptionRequest, ConsumeErrors.nullBody('subscribe')))
    body: SubscriptionRequest,
  ): Promise<void> {
    return this.consumers.subscribe(group, name, body);
  }

  @Get(`${INSTANCE}/subscription`)
  @Header('Content-Type', KAFKA_V2_JSON)
  subscription(
    @Param('group_name') group: string,
    @Param('instance') name: string,
  ): Promise<{ topics: string[] }> {
    return this.consumers.subscription(group, name);
  }

  @Delete(`${INSTANCE}/subscription`)
  @HttpCode(204)
  unsubscribe(@Param('group_name') group: string, @Param('instance') name: string): Promise<void> {
    return this.consumers.unsubscribe(group, name);
  }

  @Post(`${INSTANCE}/assignments`)
  @HttpCode(204)
  assign(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Body(new ZodBodyPipe(PartitionsRequest, ConsumeErrors.nullBody('assign')))
    body: PartitionsRequest,
  ): Promise<void> {
    return this.consumers.assign(group, name, body);
  }

  @Get(`${INSTANCE}/assignments`)
  @Header('Content-Type', KAFKA_V2_JSON)
  assignments(@Param('group_name') group: string, @Param('instance') name: string) {
    return this.consumers.assignments(group, name);
  }

  @Post(`${INSTANCE}/positions`)
  @HttpCode(204)
  seek(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Body(new ZodBodyPipe(PositionsRequest, ConsumeErrors.nullBody('seekToOffset')))
    body: PositionsRequest,
  ): Promise<void> {
    return this.consumers.seek(group, name, body);
  }

  @Post(`${INSTANCE}/positions/beginning`)
  @HttpCode(204)
  seekToBeginning(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Body(new ZodBodyPipe(PartitionsRequest, ConsumeErrors.nullBody('seekToBeginning')))
    body: PartitionsRequest,
  ): Promise<void> {
    return this.consumers.seekToBeginning(group, name, body);
  }

  @Post(`${INSTANCE}/positions/end`)
  @HttpCode(204)
  seekToEnd(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Body(new ZodBodyPipe(PartitionsRequest, ConsumeErrors.nullBody('seekToEnd')))
    body: PartitionsRequest,
  ): Promise<void> {
    return this.consumers.seekToEnd(group, name, body);
  }

  @Get(`${INSTANCE}/records`)
  async records(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Headers('accept') accept: string | undefined,
    @Query() query: RecordsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    // The records' JSON, written by the service (records are many), in the negotiated type.
    const { mediaType, body } = await this.reads.records(
      group,
      name,
      accept,
      query,
      clientGone(reply),
    );
    void reply.type(mediaType);
    return body;
  }

  @Post(`${INSTANCE}/offsets`)
  @HttpCode(200)
  @Header('Content-Type', KAFKA_V2_JSON)
  commit(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    @Body(new OptionalBodyPipe(CommitRequestBody)) body: CommitRequestBody | undefined,
  ): Promise<never[]> {
    return this.consumers.commit(group, name, body);
  }

  @Get(`${INSTANCE}/offsets`)
  @Header('Content-Type', KAFKA_V2_JSON)
  committed(
    @Param('group_name') group: string,
    @Param('instance') name: string,
    // kafka-rest's ConsumersResource: no body at all is Partition not found.
    @RawRequest(new GetBodyPipe(PartitionsRequest, () => new RestError('PARTITION_NOT_FOUND')))
    body: PartitionsRequest,
  ) {
    return this.consumers.committed(group, name, body);
  }
}
