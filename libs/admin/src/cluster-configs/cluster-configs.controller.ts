import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { AlterConfigBatchRequest, UpdateConfigRequest } from '../topic-configs/abstract-config.dto';
import { ClusterConfigData, ClusterConfigDataList } from './cluster-configs.dto';
import { ClusterConfigsService } from './cluster-configs.service';

// Routes hang off the cluster so that `broker-configs:alter` is one segment: `::` is
// find-my-way's escape for a literal ':', not a path parameter.
@Controller(v3Paths('clusters/:cluster_id'))
export class ClusterConfigsController {
  constructor(private readonly configs: ClusterConfigsService) {}

  @Get('broker-configs')
  list(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ClusterConfigDataList> {
    return this.configs.list(clusterId, urls);
  }

  @Post('broker-configs::alter')
  @HttpCode(204)
  alter(
    @Param('cluster_id') clusterId: string,
    @Body(new ZodBodyPipe(AlterConfigBatchRequest)) body: AlterConfigBatchRequest,
  ): Promise<void> {
    return this.configs.alter(clusterId, body);
  }

  @Get('broker-configs/:name')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('name') name: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ClusterConfigData> {
    return this.configs.get(clusterId, name, urls);
  }

  @Put('broker-configs/:name')
  @HttpCode(204)
  update(
    @Param('cluster_id') clusterId: string,
    @Param('name') name: string,
    @Body(new ZodBodyPipe(UpdateConfigRequest)) body: UpdateConfigRequest,
  ): Promise<void> {
    return this.configs.update(clusterId, name, body);
  }

  @Delete('broker-configs/:name')
  @HttpCode(204)
  delete(@Param('cluster_id') clusterId: string, @Param('name') name: string): Promise<void> {
    return this.configs.delete(clusterId, name);
  }
}
