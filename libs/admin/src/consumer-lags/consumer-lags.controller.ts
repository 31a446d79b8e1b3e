import { Controller, Get, Param } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import {
  ConsumerGroupLagSummaryData,
  ConsumerLagData,
  ConsumerLagDataList,
} from './consumer-lags.dto';
import { ConsumerLagsService } from './consumer-lags.service';

@Controller(v3Paths('clusters/:cluster_id/consumer-groups/:consumer_group_id'))
export class ConsumerLagsController {
  constructor(private readonly lags: ConsumerLagsService) {}

  @Get('lags')
  list(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerLagDataList> {
    return this.lags.list(clusterId, groupId, urls);
  }

  @Get('lags/:topic_name/partitions/:partition_id')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerLagData> {
    return this.lags.get(clusterId, groupId, topicName, partitionId, urls);
  }

  @Get('lag-summary')
  summary(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerGroupLagSummaryData> {
    return this.lags.summary(clusterId, groupId, urls);
  }
}
