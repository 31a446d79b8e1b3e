import { Controller, Get, Param } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { ReplicaData, ReplicaDataList } from './replicas.dto';
import { ReplicasService } from './replicas.service';

@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/replicas'))
export class ReplicasController {
  constructor(private readonly replicas: ReplicasService) {}

  @Get()
  list(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<ReplicaDataList> {
    return this.replicas.list(clusterId, topicName, partitionId, urls);
  }

  @Get(':broker_id')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Param('broker_id', PathIntPipe) brokerId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<ReplicaData> {
    return this.replicas.get(clusterId, topicName, partitionId, brokerId, urls);
  }
}
