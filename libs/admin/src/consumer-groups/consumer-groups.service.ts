import { Injectable } from '@nestjs/common';
import { ConsumerGroupDescription, GroupAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { ConsumerGroupData, ConsumerGroupDataList } from './consumer-groups.dto';
import { toConsumerGroupData } from './consumer-groups.mapper';
import { groupErrors } from './group-errors';

@Injectable()
export class ConsumerGroupsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly groups: GroupAdmin,
  ) {}

  async list(clusterId: string, urls: ResourceUrls): Promise<ConsumerGroupDataList> {
    await this.clusters.require(clusterId, groupErrors.clusterCouldNotBeFound);
    const groups = await this.groups.listConsumerGroups();
    const data = groups.map((g) => toConsumerGroupData(clusterId, g, urls));
    return urls.collection(
      'KafkaConsumerGroupList',
      ['clusters', clusterId, 'consumer-groups'],
      data,
    );
  }

  async get(clusterId: string, groupId: string, urls: ResourceUrls): Promise<ConsumerGroupData> {
    const group = await this.require(clusterId, groupId, groupErrors.notFound);
    return toConsumerGroupData(clusterId, group, urls);
  }

  /** Extension: Kafka deletes only a group without members (and its committed offsets). */
  async delete(clusterId: string, groupId: string): Promise<void> {
    await this.clusters.require(clusterId, groupErrors.clusterCouldNotBeFound);
    const result = await this.groups.deleteConsumerGroup(groupId);
    switch (result) {
      case 'DONE':
        return;
      case 'GROUP_NOT_FOUND':
        throw groupErrors.groupCouldNotBeFound(groupId);
      case 'GROUP_NOT_EMPTY':
        throw groupErrors.groupNotEmpty(groupId, 'delete');
    }
  }

  /** The group after checking the cluster id; `notFound` words the 404 as the caller's endpoint. */
  async require(
    clusterId: string,
    groupId: string,
    notFound: (groupId: string) => RestError,
  ): Promise<ConsumerGroupDescription> {
    await this.clusters.require(clusterId, groupErrors.clusterCouldNotBeFound);
    const group = await this.groups.describeConsumerGroup(groupId);
    if (group === undefined) {
      throw notFound(groupId);
    }
    return group;
  }
}
