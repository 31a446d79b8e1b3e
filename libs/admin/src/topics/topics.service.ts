import { Injectable } from '@nestjs/common';
import { KafkaError, TopicAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import {
  CreateTopicRequest,
  TopicData,
  TopicDataList,
  UpdatePartitionCountRequest,
} from './topics.dto';
import { describedTopicData, toTopicData } from './topics.mapper';

@Injectable()
export class TopicsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly topics: TopicAdmin,
  ) {}

  async list(
    clusterId: string,
    authorizedOps: boolean,
    urls: ResourceUrls,
  ): Promise<TopicDataList> {
    await this.clusters.require(clusterId);
    const topics = await this.topics.listTopics(authorizedOps);
    const data = topics.map((t) => describedTopicData(clusterId, t, urls));
    return urls.collection('KafkaTopicList', ['clusters', clusterId, 'topics'], data);
  }

  async get(
    clusterId: string,
    name: string,
    authorizedOps: boolean,
    urls: ResourceUrls,
  ): Promise<TopicData> {
    await this.clusters.require(clusterId);
    return describedTopicData(
      clusterId,
      await this.topics.describeTopic(name, authorizedOps),
      urls,
    );
  }

  async create(
    clusterId: string,
    request: CreateTopicRequest,
    urls: ResourceUrls,
  ): Promise<TopicData> {
    // kafka-rest checks the name before the cluster; its invalidPayloadException starts the
    // message with "Payload error. ", as in the empty-body answer.
    if (!isLegalTopicName(request.topic_name)) {
      throw RestError.invalidPayload('Invalid topic name.');
    }
    await this.clusters.require(clusterId);
    const created = await this.topics
      .createTopic({
        name: request.topic_name,
        partitionsCount: request.partitions_count,
        replicationFactor: request.replication_factor,
        replicasAssignments: request.replicas_assignments,
        configs: request.configs?.map((c) => ({ name: c.name, value: c.value ?? null })),
        validateOnly: request.validate_only,
      })
      .catch((error: unknown) => {
        throw createTopicError(request.topic_name, error);
      });
    return toTopicData(clusterId, created.name, false, created, urls);
  }

  async delete(clusterId: string, name: string): Promise<void> {
    await this.clusters.require(clusterId);
    await this.topics.deleteTopic(name);
  }

  async updatePartitionCount(
    clusterId: string,
    name: string,
    request: UpdatePartitionCountRequest,
    urls: ResourceUrls,
  ): Promise<TopicData> {
    await this.clusters.require(clusterId);
    await this.topics.createPartitions(name, request.partitions_count);
    return describedTopicData(clusterId, await this.topics.describeTopic(name), urls);
  }
}

// Kafka's Topic.validate, which the Java admin client applies before sending the request: an
// illegal name is 422 whatever else is wrong, and never reaches the broker (which answered a
// 32 KiB name with an unknown server error).
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

function isLegalTopicName(name: string): boolean {
  return LEGAL_TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

/**
 * Confluent answers 400/40002 (not 409) when the topic exists. A legal name Kafka still refuses
 * (it collides with one that differs only in '.' and '_') passes Kafka's message through as
 * 40002, as kafka-rest's exception mapper does.
 */
function createTopicError(topicName: string, error: unknown): unknown {
  if (error instanceof KafkaError && error.kind === 'TOPIC_ALREADY_EXISTS') {
    return RestError.topicExists(topicName);
  }
  if (error instanceof KafkaError && error.kind === 'INVALID_TOPIC') {
    return new RestError('KAFKA_BAD_REQUEST', error.message);
  }
  return error;
}
