import { Controller, Get, Param } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { ReplicaDataList } from './replicas.dto';
import { ReplicasService } from './replicas.service';

/** The replicas a broker hosts; the spec files it under both Broker and Replica. */
@Controller(v3Paths('clusters/:cluster_id/brokers/:broker_id/partition-replicas'))
export class PartitionReplicasController {
  constructor(private readonly replicas: ReplicasService) {}

  @Get()
  searchByBroker(
    @Param('cluster_id') clusterId: string,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<ReplicaDataList> {
    return this.replicas.searchByBroker(clusterId, brokerId, urls);
  }
}
