import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RecordConsumers, TopicPartition } from '@gateway/kafka';
import { encodePathSegment } from '@gateway/rest';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ConsumeErrors } from '../shared/consume-errors';
import { SchemaDecoder, schemaFormatOf } from '../shared/schema-decoder';
import { autoCommitEnable, instanceSettings, offsetReset } from './consumer-config';
import { ConsumerInstance } from './consumer-instance';
import { ConsumerRegistry } from './consumer-registry';
import {
  CommitRequestBody,
  CommittedOffsetData,
  CreateConsumerRequest,
  CreateConsumerResponse,
  PartitionsRequest,
  PositionsRequest,
  SubscriptionRequest,
  TopicPartitionData,
} from './consumers.dto';
import { parseEmbeddedFormat } from './v2-media';

/** kafka-rest's v2 KafkaConsumerManager: stateful consumer instances in this process. */
@Injectable()
export class ConsumersService {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly consumers: RecordConsumers,
    @Inject(CONSUME_OPTIONS) private readonly options: ConsumeOptions,
    private readonly decoder: SchemaDecoder,
  ) {}

  create(group: string, body: CreateConsumerRequest, origin: string): CreateConsumerResponse {
    const format = parseEmbeddedFormat(body.format);
    const settings = instanceSettings(body);
    if (schemaFormatOf(format) !== undefined && !this.decoder.configured) {
      throw ConsumeErrors.invalidConfig(
        `format ${format} needs a Schema Registry (schema.registry.url is not set)`,
      );
    }
    // As kafka-rest: "Explicit ID request always overrides name".
    const name = body.id ?? body.name ?? this.generatedName();
    if (this.registry.has(group, name)) {
      throw ConsumeErrors.alreadyExists();
    }
    const consumer = this.consumers.create({
      groupId: group,
      clientId: `${this.options.clientId}-${name}`,
      autoOffsetReset: offsetReset(body['auto.offset.reset']),
      autoCommit: autoCommitEnable(body['auto.commit.enable']),
      // fetch.min.bytes is kafka-rest's own minimum response size (PROXY_FETCH_MIN_BYTES), kept
      // by the poll (settings.responseMinBytes), not Kafka's: a fetch answers once it can.
      fetchMinBytes: 1,
    });
    this.registry.add(
      new ConsumerInstance(group, name, format, consumer, settings, this.options.v2RecordMetadata),
    );
    return {
      instance_id: name,
      base_uri: `${origin}/consumers/${encodePathSegment(group)}/instances/${encodePathSegment(name)}`,
    };
  }

  delete(group: string, name: string): Promise<void> {
    return this.registry.remove(group, name);
  }

  subscribe(group: string, name: string, body: SubscriptionRequest): Promise<void> {
    // As kafka-rest (KafkaConsumerState.subscribe): topics win over a topic_pattern given with
    // them, and a body with neither changes nothing.
    return this.registry.runOn(group, name, (c) => {
      if (body.topics !== undefined) {
        // Java's KafkaConsumer.subscribe(empty list) is an unsubscribe.
        return body.topics.length === 0 ? c.unsubscribe() : c.subscribe(body.topics);
      }
      const pattern = body.topic_pattern;
      if (pattern === undefined) {
        return Promise.resolve();
      }
      if (!isRegExp(pattern)) {
        // Otherwise every later poll fails with a 500 when it matches topics against it.
        throw ConsumeErrors.badRequest(`Invalid topic_pattern: ${pattern}`);
      }
      return c.subscribePattern(pattern);
    });
  }

  subscription(group: string, name: string): Promise<{ topics: string[] }> {
    return this.registry.runOn(group, name, (c) => {
      const s = c.subscription();
      return Promise.resolve({
        topics: s.kind === 'topics' || s.kind === 'pattern' ? s.topics : [],
      });
    });
  }

  unsubscribe(group: string, name: string): Promise<void> {
    return this.registry.runOn(group, name, (c) => c.unsubscribe());
  }

  assign(group: string, name: string, body: PartitionsRequest): Promise<void> {
    return this.registry.runOn(group, name, (c) => c.assign(body.partitions));
  }

  assignments(group: string, name: string): Promise<{ partitions: TopicPartitionData[] }> {
    return this.registry.runOn(group, name, (c) =>
      Promise.resolve({ partitions: c.assignment().map(tp) }),
    );
  }

  seek(group: string, name: string, body: PositionsRequest): Promise<void> {
    return this.registry.runOn(group, name, async (c) => {
      await c.seek(body.offsets ?? []);
      const timestamps = (body.timestamps ?? []).map((t) => ({
        ...tp(t),
        timestamp: t.timestamp,
      }));
      if (timestamps.length > 0) {
        await c.seekToTimestamp(timestamps);
      }
    });
  }

  seekToBeginning(group: string, name: string, body: PartitionsRequest): Promise<void> {
    return this.registry.runOn(group, name, (c) => c.seekToBeginning(body.partitions));
  }

  seekToEnd(group: string, name: string, body: PartitionsRequest): Promise<void> {
    return this.registry.runOn(group, name, (c) => c.seekToEnd(body.partitions));
  }

  /** An empty body commits everything consumed; explicit offset N is stored as N + 1. */
  commit(group: string, name: string, body: CommitRequestBody | undefined): Promise<never[]> {
    return this.registry.runOn(group, name, async (c) => {
      await c.commit(
        body?.offsets.map((o) => ({ ...tp(o), offset: o.offset + 1, metadata: o.metadata })),
      );
      // kafka-rest answers an (always empty) list.
      return [];
    });
  }

  committed(
    group: string,
    name: string,
    body: PartitionsRequest,
  ): Promise<{ offsets: CommittedOffsetData[] }> {
    return this.registry.runOn(group, name, async (c) => ({
      offsets: (await c.committed(body.partitions)).map((o) => ({
        ...tp(o),
        offset: o.offset,
        metadata: o.metadata ?? '',
      })),
    }));
  }

  private generatedName(): string {
    const id = this.options.serverId;
    return `rest-consumer-${id !== '' ? `${id}-` : ''}${randomUUID()}`;
  }
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function tp(p: TopicPartition): TopicPartitionData {
  return { topic: p.topic, partition: p.partition };
}
