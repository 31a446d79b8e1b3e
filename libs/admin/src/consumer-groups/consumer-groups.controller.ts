import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { ConsumerGroupData, ConsumerGroupDataList } from './consumer-groups.dto';
import { ConsumerGroupsService } from './consumer-groups.service';

@Controller(v3Paths('clusters/:cluster_id/consumer-groups'))
export class ConsumerGroupsController {
  constructor(private readonly groups: ConsumerGroupsService) {}

  @Get()
  list(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerGroupDataList> {
    return this.groups.list(clusterId, urls);
  }

  @Get(':consumer_group_id')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerGroupData> {
    return this.groups.get(clusterId, groupId, urls);
  }

  /** Extension (openapi/gateway-extensions.yaml): not in Confluent's API. */
  @Delete(':consumer_group_id')
  @HttpCode(204)
  delete(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
  ): Promise<void> {
    return this.groups.delete(clusterId, groupId);
  }
}
