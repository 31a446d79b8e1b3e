import { Injectable } from '@nestjs/common';
import { OffsetAdmin, TopicAdmin } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { DeletedRecordsDataList, DeleteRecordsRequest, HIGH_WATERMARK } from './delete-records.dto';

/** Extension: Kafka's DeleteRecords (kafka-delete-records.sh) over HTTP. */
@Injectable()
export class DeleteRecordsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly topics: TopicAdmin,
    private readonly offsets: OffsetAdmin,
  ) {}

  async deleteBefore(
    clusterId: string,
    topicName: string,
    request: DeleteRecordsRequest,
    urls: ResourceUrls,
  ): Promise<DeletedRecordsDataList> {
    await this.clusters.require(clusterId);
    const topic = await this.topics.describeTopic(topicName);
    const existing = new Set(topic.partitions.map((p) => p.partitionId));
    if (request.partitions.some((p) => !existing.has(p.partition_id))) {
      throw new RestError('UNKNOWN_TOPIC_OR_PARTITION');
    }
    await this.checkWithinLog(topicName, request);
    const deleted = await this.offsets.deleteRecordsBefore(
      topicName,
      request.partitions.map((p) => ({ partition: p.partition_id, offset: p.before_offset })),
    );
    const topicPath = ['clusters', clusterId, 'topics', topicName];
    const data = deleted.map((d) => ({
      ...urls.resource(
        'KafkaDeletedRecords',
        [...topicPath, 'partitions', d.partition, 'offset'],
        [
          ['kafka', clusterId],
          ['topic', topicName],
          ['partition', d.partition],
        ],
      ),
      cluster_id: clusterId,
      topic_name: topicName,
      partition_id: d.partition,
      low_watermark: d.lowWatermark,
      partition: urls.related(...topicPath, 'partitions', d.partition),
    }));
    return {
      kind: 'KafkaDeletedRecordsList',
      // urls.url would percent-encode the action's colon.
      metadata: { self: `${urls.url(...topicPath)}/records:delete`, next: null },
      data,
    };
  }

  /** Kafka refuses an offset past the high watermark (OFFSET_OUT_OF_RANGE); say which one. */
  private async checkWithinLog(topic: string, request: DeleteRecordsRequest): Promise<void> {
    const explicit = request.partitions.filter((p) => p.before_offset !== HIGH_WATERMARK);
    const latest = await this.offsets.listOffsets(
      explicit.map((p) => ({ topic, partition: p.partition_id })),
      'LATEST',
    );
    for (const p of explicit) {
      const end = latest.find((l) => l.partition === p.partition_id)?.offset ?? null;
      if (end !== null && p.before_offset > end) {
        throw new RestError(
          'KAFKA_BAD_REQUEST',
          `Offset ${p.before_offset} is beyond the high watermark ${end} of partition ${p.partition_id}.`,
        );
      }
    }
  }
}
