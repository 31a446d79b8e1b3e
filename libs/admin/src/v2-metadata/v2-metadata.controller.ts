import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { PathIntPipe } from '@gateway/rest';
import { KAFKA_V2_JSON, V2Partition, V2PartitionOffsets, V2Topic } from './v2-metadata.dto';
import { V2MetadataService } from './v2-metadata.service';

/** Confluent's v2 metadata endpoints (no prefix, as REST Proxy serves them). */
@Controller()
export class V2MetadataController {
  constructor(private readonly metadata: V2MetadataService) {}

  /** Liveness no-op kept for v2 clients: GET and POST `/` answer `{}`. */
  @Get()
  @Header('Content-Type', KAFKA_V2_JSON)
  root(): Record<string, never> {
    return {};
  }

  @Post()
  @HttpCode(200)
  @Header('Content-Type', KAFKA_V2_JSON)
  rootPost(): Record<string, never> {
    return {};
  }

  @Get('brokers')
  @Header('Content-Type', KAFKA_V2_JSON)
  brokers(): Promise<{ brokers: number[] }> {
    return this.metadata.brokers();
  }

  @Get('topics')
  @Header('Content-Type', KAFKA_V2_JSON)
  topics(): Promise<string[]> {
    return this.metadata.topicNames();
  }

  @Get('topics/:topic_name')
  @Header('Content-Type', KAFKA_V2_JSON)
  topic(@Param('topic_name') topicName: string): Promise<V2Topic> {
    return this.metadata.topic(topicName);
  }

  @Get('topics/:topic_name/partitions')
  @Header('Content-Type', KAFKA_V2_JSON)
  partitions(@Param('topic_name') topicName: string): Promise<V2Partition[]> {
    return this.metadata.partitions(topicName);
  }

  @Get('topics/:topic_name/partitions/:partition_id')
  @Header('Content-Type', KAFKA_V2_JSON)
  partition(
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
  ): Promise<V2Partition> {
    return this.metadata.partition(topicName, partitionId);
  }

  @Get('topics/:topic_name/partitions/:partition_id/offsets')
  @Header('Content-Type', KAFKA_V2_JSON)
  offsets(
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
  ): Promise<V2PartitionOffsets> {
    return this.metadata.offsets(topicName, partitionId);
  }
}
