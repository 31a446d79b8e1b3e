import { Controller, Get, Param } from '@nestjs/common';
import { PathIntPipe, ResourceUrls, Urls, v3Paths } from '@gateway/rest';
import { ReassignmentData, ReassignmentDataList } from './reassignments.dto';
import { ReassignmentsService } from './reassignments.service';

// Singular `reassignment`, as kafka-rest routes it (the spec's examples sometimes say plural).
@Controller(v3Paths('clusters/:cluster_id/topics'))
export class ReassignmentsController {
  constructor(private readonly reassignments: ReassignmentsService) {}

  @Get('-/partitions/-/reassignment')
  list(
    @Param('cluster_id') clusterId: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ReassignmentDataList> {
    return this.reassignments.list(clusterId, urls);
  }

  @Get(':topic_name/partitions/-/reassignment')
  searchByTopic(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Urls() urls: ResourceUrls,
  ): Promise<ReassignmentDataList> {
    return this.reassignments.searchByTopic(clusterId, topicName, urls);
  }

  @Get(':topic_name/partitions/:partition_id/reassignment')
  get(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Param('partition_id', PathIntPipe) partitionId: number,
    @Urls() urls: ResourceUrls,
  ): Promise<ReassignmentData> {
    return this.reassignments.get(clusterId, topicName, partitionId, urls);
  }
}
