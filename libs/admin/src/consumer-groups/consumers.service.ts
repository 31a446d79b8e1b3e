import { Injectable } from '@nestjs/common';
import { ConsumerGroupMember } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import {
  ConsumerAssignmentData,
  ConsumerAssignmentDataList,
  ConsumerData,
  ConsumerDataList,
} from './consumer-groups.dto';
import { groupPath, toConsumerAssignmentData, toConsumerData } from './consumer-groups.mapper';
import { ConsumerGroupsService } from './consumer-groups.service';
import { groupErrors } from './group-errors';

/** The members of a group and the partitions each one owns. */
@Injectable()
export class ConsumersService {
  constructor(private readonly groups: ConsumerGroupsService) {}

  async list(clusterId: string, groupId: string, urls: ResourceUrls): Promise<ConsumerDataList> {
    const group = await this.groups.require(clusterId, groupId, groupErrors.groupDoesNotExist);
    const data = group.members.map((m) => toConsumerData(clusterId, groupId, m, urls));
    return urls.collection(
      'KafkaConsumerList',
      [...groupPath(clusterId, groupId), 'consumers'],
      data,
    );
  }

  async get(
    clusterId: string,
    groupId: string,
    consumerId: string,
    urls: ResourceUrls,
  ): Promise<ConsumerData> {
    const members = await this.members(clusterId, groupId);
    const member = members.find((m) => m.consumerId === consumerId);
    if (member === undefined) {
      throw groupErrors.notFound();
    }
    return toConsumerData(clusterId, groupId, member, urls);
  }

  async listAssignments(
    clusterId: string,
    groupId: string,
    consumerId: string,
    urls: ResourceUrls,
  ): Promise<ConsumerAssignmentDataList> {
    const member = await this.member(clusterId, groupId, consumerId);
    const data = member.assignments.map((a) =>
      toConsumerAssignmentData(clusterId, groupId, consumerId, a, urls),
    );
    const path = [...groupPath(clusterId, groupId), 'consumers', consumerId, 'assignments'];
    return urls.collection('KafkaConsumerAssignmentList', path, data);
  }

  async getAssignment(
    clusterId: string,
    groupId: string,
    consumerId: string,
    topic: string,
    partition: number,
    urls: ResourceUrls,
  ): Promise<ConsumerAssignmentData> {
    const member = await this.member(clusterId, groupId, consumerId);
    const assignment = member.assignments.find(
      (a) => a.topic === topic && a.partition === partition,
    );
    if (assignment === undefined) {
      throw groupErrors.notFound();
    }
    return toConsumerAssignmentData(clusterId, groupId, consumerId, assignment, urls);
  }

  private async members(clusterId: string, groupId: string): Promise<ConsumerGroupMember[]> {
    const group = await this.groups.require(clusterId, groupId, groupErrors.groupDoesNotExist);
    return group.members;
  }

  private async member(
    clusterId: string,
    groupId: string,
    consumerId: string,
  ): Promise<ConsumerGroupMember> {
    const members = await this.members(clusterId, groupId);
    const member = members.find((m) => m.consumerId === consumerId);
    if (member === undefined) {
      throw groupErrors.consumerDoesNotExist(consumerId);
    }
    return member;
  }
}
