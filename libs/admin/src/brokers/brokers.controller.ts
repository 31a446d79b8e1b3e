import { Controller, Get, Param } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { BrokerData, BrokerDataList } from './brokers.dto';
import { BrokersService } from './brokers.service';

@Controller(v3Paths('clusters/:cluster_id/brokers'))
export class BrokersController {
  constructor(private readonly brokers: BrokersService) {}

  @Get()
  list(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<BrokerDataList> {
    return this.brokers.list(clusterId, urls);
  }

  @Get(':broker_id')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<BrokerData> {
    return this.brokers.get(clusterId, brokerId, urls);
  }
}
