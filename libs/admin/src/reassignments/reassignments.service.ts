import { Injectable } from '@nestjs/common';
import { PartitionReassignment, ReassignmentAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { ALL, ReassignmentData, ReassignmentDataList } from './reassignments.dto';
import { toReassignmentData } from './reassignments.mapper';

/**
 * Read-only, as in kafka-rest: every route filters Kafka's list of ongoing reassignments, so an
 * unknown topic is an empty list and an unknown partition is a plain 404.
 */
@Injectable()
export class ReassignmentsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly reassignments: ReassignmentAdmin,
  ) {}

  async list(clusterId: string, urls: ResourceUrls): Promise<ReassignmentDataList> {
    return this.collection(clusterId, ALL, await this.ongoing(clusterId), urls);
  }

  async searchByTopic(
    clusterId: string,
    topic: string,
    urls: ResourceUrls,
  ): Promise<ReassignmentDataList> {
    const ongoing = await this.ongoing(clusterId);
    const matching = ongoing.filter((r) => r.topicName === topic);
    return this.collection(clusterId, topic, matching, urls);
  }

  async get(
    clusterId: string,
    topic: string,
    partitionId: number,
    urls: ResourceUrls,
  ): Promise<ReassignmentData> {
    const ongoing = await this.ongoing(clusterId);
    const found = ongoing.find((r) => r.topicName === topic && r.partitionId === partitionId);
    if (found === undefined) {
      throw RestError.notFound();
    }
    return toReassignmentData(clusterId, found, urls);
  }

  private async ongoing(clusterId: string): Promise<PartitionReassignment[]> {
    await this.clusters.require(clusterId);
    return this.reassignments.listReassignments();
  }

  private collection(
    clusterId: string,
    topic: string,
    reassignments: PartitionReassignment[],
    urls: ResourceUrls,
  ): ReassignmentDataList {
    return urls.collection(
      'KafkaReassignmentList',
      ['clusters', clusterId, 'topics', topic, 'partitions', ALL, 'reassignment'],
      reassignments.map((r) => toReassignmentData(clusterId, r, urls)),
    );
  }
}
