import { Injectable } from '@nestjs/common';
import {
  GroupAdmin,
  GroupPartitionOffset,
  KafkaError,
  OffsetAdmin,
  TopicAdmin,
  TopicDescription,
} from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ConsumerGroupsService } from '../consumer-groups/consumer-groups.service';
import { groupErrors } from '../consumer-groups/group-errors';
import {
  ConsumerGroupLagSummaryData,
  ConsumerLagData,
  ConsumerLagDataList,
} from './consumer-lags.dto';
import { lagsPath, toConsumerLagData, toLagSummaryData } from './consumer-lags.mapper';
import { computeLags, PartitionLag, sortByLag, summarizeLags } from './lag-calculation';

/**
 * Lag as kafka-rest computes it: committed offsets (OffsetFetch) against the log end at
 * READ_COMMITTED isolation, i.e. the last stable offset, per partition.
 */
@Injectable()
export class ConsumerLagsService {
  constructor(
    private readonly groupsService: ConsumerGroupsService,
    private readonly groups: GroupAdmin,
    private readonly offsets: OffsetAdmin,
    private readonly topics: TopicAdmin,
  ) {}

  async list(clusterId: string, groupId: string, urls: ResourceUrls): Promise<ConsumerLagDataList> {
    const lags = await this.lags(clusterId, groupId);
    if (lags.length === 0) {
      // ListConsumerLagsResource's own check, after the offsets one.
      throw new RestError('NOT_FOUND', 'Consumer lags not found.');
    }
    const data = sortByLag(lags).map((l) => toConsumerLagData(clusterId, groupId, l, urls));
    return urls.collection('KafkaConsumerLagList', lagsPath(clusterId, groupId), data);
  }

  async get(
    clusterId: string,
    groupId: string,
    topic: string,
    partition: number,
    urls: ResourceUrls,
  ): Promise<ConsumerLagData> {
    const lags = await this.lags(clusterId, groupId);
    const lag = lags.find((l) => l.topic === topic && l.partition === partition);
    if (lag === undefined) {
      throw groupErrors.notFound();
    }
    return toConsumerLagData(clusterId, groupId, lag, urls);
  }

  async summary(
    clusterId: string,
    groupId: string,
    urls: ResourceUrls,
  ): Promise<ConsumerGroupLagSummaryData> {
    const summary = summarizeLags(await this.lags(clusterId, groupId));
    if (summary === undefined) {
      throw groupErrors.offsetsNotFound();
    }
    return toLagSummaryData(clusterId, groupId, summary, urls);
  }

  /** Lags in topic and partition order. */
  private async lags(clusterId: string, groupId: string): Promise<PartitionLag[]> {
    const group = await this.groupsService.require(
      clusterId,
      groupId,
      groupErrors.groupCouldNotBeFound,
    );
    const committed = await this.groups.committedOffsets(groupId);
    if (committed.length === 0) {
      throw groupErrors.offsetsNotFound();
    }
    const live = await this.existing(committed);
    const logEnd = await this.offsets.listOffsets(live, 'LATEST', 'READ_COMMITTED');
    return computeLags(group, live, logEnd);
  }

  /** Offsets of deleted topics or partitions have no log end; leave them out. */
  private async existing(committed: GroupPartitionOffset[]): Promise<GroupPartitionOffset[]> {
    const names = [...new Set(committed.map((c) => c.topic))];
    const described = await Promise.all(
      names.map((name) => this.topics.describeTopic(name).catch(ignoreDeletedTopic)),
    );
    const partitions = new Set(
      described.flatMap((t) => t?.partitions.map((p) => `${p.partitionId}:${t.name}`) ?? []),
    );
    return committed.filter((c) => partitions.has(`${c.partition}:${c.topic}`));
  }
}

function ignoreDeletedTopic(error: unknown): TopicDescription | undefined {
  if (error instanceof KafkaError && error.kind === 'TOPIC_NOT_FOUND') {
    return undefined;
  }
  throw error;
}
