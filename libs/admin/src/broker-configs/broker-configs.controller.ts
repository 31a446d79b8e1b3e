import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { AlterConfigBatchRequest, UpdateConfigRequest } from '../topic-configs/abstract-config.dto';
import { BrokerConfigData, BrokerConfigDataList } from './broker-configs.dto';
import { BrokerConfigsService } from './broker-configs.service';

// `::` is find-my-way's escape for a literal ':' (`configs:alter`), not a path parameter.
@Controller(v3Paths('clusters/:cluster_id/brokers'))
export class BrokerConfigsController {
  constructor(private readonly configs: BrokerConfigsService) {}

  /** `-` is kafka-rest's "every broker" wildcard; a static segment wins over `:broker_id`. */
  @Get('-/configs')
  listAll(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<BrokerConfigDataList> {
    return this.configs.listAll(clusterId, urls);
  }

  @Get(':broker_id/configs')
  list(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<BrokerConfigDataList> {
    return this.configs.list(clusterId, brokerId, urls);
  }

  @Post(':broker_id/configs::alter')
  @HttpCode(204)
  alter(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Body(new ZodBodyPipe(AlterConfigBatchRequest)) body: AlterConfigBatchRequest,
  ): Promise<void> {
    return this.configs.alter(clusterId, brokerId, body);
  }

  @Get(':broker_id/configs/:name')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Param('name') name: string,
    @Urls() urls: ResourceUrls,
  ): Promise<BrokerConfigData> {
    return this.configs.get(clusterId, brokerId, name, urls);
  }

  @Put(':broker_id/configs/:name')
  @HttpCode(204)
  update(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Param('name') name: string,
    @Body(new ZodBodyPipe(UpdateConfigRequest)) body: UpdateConfigRequest,
  ): Promise<void> {
    return this.configs.update(clusterId, brokerId, name, body);
  }

  @Delete(':broker_id/configs/:name')
  @HttpCode(204)
  reset(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Param('name') name: string,
  ): Promise<void> {
    return this.configs.reset(clusterId, brokerId, name);
  }
}
