import { Controller, Get, Param } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { ReplicaDataList } from './replicas.dto';
import { ReplicasService } from './replicas.service';

/** kafka-rest's ListAllReplicasAction: the replicas of every topic of the cluster. */
@Controller(v3Paths('clusters/:cluster_id/topics/-/replicas'))
export class AllReplicasController {
  constructor(private readonly replicas: ReplicasService) {}

  @Get()
  listAll(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ReplicaDataList> {
    return this.replicas.listAll(clusterId, urls);
  }
}
