import { Controller, Get, Param } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { ClusterData, ClusterDataList } from './clusters.dto';
import { ClustersService } from './clusters.service';

@Controller(v3Paths('clusters'))
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Get()
  list(@Urls() urls: ResourceUrls): Promise<ClusterDataList> {
    return this.clusters.list(urls);
  }

  @Get(':cluster_id')
  get(@Param('cluster_id') clusterId: string, @Urls() urls: ResourceUrls): Promise<ClusterData> {
    return this.clusters.get(clusterId, urls);
  }
}
