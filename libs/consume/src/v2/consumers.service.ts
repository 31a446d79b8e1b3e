import { GatewayMetrics } from '@gateway/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ConsumedRecord,
  ConsumerStateError,
  OffsetResetPolicy,
  PollConsumer,
  RecordConsumers,
  TopicPartition,
} from '@gateway/kafka';
import type { SchemaFormat } from '@gateway/schema-registry';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ConsumeErrors } from '../shared/consume-errors';
import { intParam } from '../shared/query-params';
import { SchemaDecoder, schemaFormatOf } from '../shared/schema-decoder';
import { ConsumerInstance } from './consumer-instance';
import { ConsumerRegistry } from './consumer-registry';
import { toV2Record } from './consumer-records.mapper';
import {
  CommitRequestBody,
  CommittedOffsetData,
  CreateConsumerRequest,
  CreateConsumerResponse,
  PartitionsRequest,
  PositionsRequest,
  SubscriptionRequest,
  TopicPartitionData,
  V2RecordData,
} from './consumers.dto';
import { acceptedFormat, parseEmbeddedFormat } from './v2-media';

const MAX_POLL_WAIT_MS = 30_000;

/** kafka-rest's v2 KafkaConsumerManager: stateful consumer instances in this process. */
@Injectable()
export class ConsumersService {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly consumers: RecordConsumers,
    @Inject(CONSUME_OPTIONS) private readonly options: ConsumeOptions,
    private readonly metrics: GatewayMetrics,
    private readonly decoder: SchemaDecoder,
  ) {}

  create(group: string, body: CreateConsumerRequest, origin: string): CreateConsumerResponse {
    const format = parseEmbeddedFormat(body.format);
    if (schemaFormatOf(format) !== undefined && !this.decoder.configured) {
      throw ConsumeErrors.invalidConfig(
        `format ${format} needs a Schema Registry (schema.registry.url is not set)`,
      );
    }
    const name = body.name ?? body.id ?? this.generatedName();
    if (this.registry.has(group, name)) {
      throw ConsumeErrors.alreadyExists();
    }
    const consumer = this.consumers.create({
      groupId: group,
      clientId: `${this.options.clientId}-${name}`,
      autoOffsetReset: offsetReset(body['auto.offset.reset']),
      autoCommit: bool('auto.commit.enable', body['auto.commit.enable'], true),
      fetchMinBytes: Math.max(1, int('fetch.min.bytes', body['fetch.min.bytes'], -1, -1)),
    });
    const timeout = body['consumer.request.timeout.ms'];
    const requestTimeoutMs =
      timeout === undefined ? undefined : int('consumer.request.timeout.ms', timeout, 0);
    this.registry.add(new ConsumerInstance(group, name, format, consumer, requestTimeoutMs));
    return {
      instance_id: name,
      base_uri: `${origin}/consumers/${encodeURIComponent(group)}/instances/${encodeURIComponent(name)}`,
    };
  }

  delete(group: string, name: string): Promise<void> {
    return this.registry.remove(group, name);
  }

  subscribe(group: string, name: string, body: SubscriptionRequest): Promise<void> {
    return this.run(group, name, (c) => {
      if ((body.topics === undefined) === (body.topic_pattern === undefined)) {
        throw ConsumeErrors.illegalState(
          'Subscription to topics, partitions and pattern are mutually exclusive.',
        );
      }
      if (body.topic_pattern !== undefined && !isRegExp(body.topic_pattern)) {
        // Otherwise every later poll fails with a 500 when it matches topics against it.
        throw ConsumeErrors.badRequest(`Invalid topic_pattern: ${body.topic_pattern}`);
      }
      return body.topics !== undefined
        ? c.subscribe(body.topics)
        : c.subscribePattern(body.topic_pattern!);
    });
  }

  subscription(group: string, name: string): Promise<{ topics: string[] }> {
    return this.run(group, name, (c) => {
      const s = c.subscription();
      return Promise.resolve({
        topics: s.kind === 'topics' || s.kind === 'pattern' ? s.topics : [],
      });
    });
  }

  unsubscribe(group: string, name: string): Promise<void> {
    return this.run(group, name, (c) => c.unsubscribe());
  }

  assign(group: string, name: string, body: PartitionsRequest): Promise<void> {
    return this.run(group, name, (c) => c.assign(body.partitions));
  }

  assignments(group: string, name: string): Promise<{ partitions: TopicPartitionData[] }> {
    return this.run(group, name, (c) => Promise.resolve({ partitions: c.assignment().map(tp) }));
  }

  seek(group: string, name: string, body: PositionsRequest): Promise<void> {
    return this.run(group, name, async (c) => {
      await c.seek(body.offsets ?? []);
      const timestamps = (body.timestamps ?? []).map((t) => ({
        ...tp(t),
        timestamp: Date.parse(t.timestamp),
      }));
      if (timestamps.length > 0) {
        await c.seekToTimestamp(timestamps);
      }
    });
  }

  seekToBeginning(group: string, name: string, body: PartitionsRequest): Promise<void> {
    return this.run(group, name, (c) => c.seekToBeginning(body.partitions));
  }

  seekToEnd(group: string, name: string, body: PartitionsRequest): Promise<void> {
    return this.run(group, name, (c) => c.seekToEnd(body.partitions));
  }

  /** GET records: checks Accept against the instance's format, then long-polls. */
  records(
    group: string,
    name: string,
    accept: string | undefined,
    query: { timeout?: string; max_bytes?: string },
  ): Promise<{ format: string; body: string | Buffer }> {
    const instance = this.registry.get(group, name);
    if (acceptedFormat(accept) !== instance.format) {
      throw ConsumeErrors.formatMismatch();
    }
    const timeoutMs =
      intParam('timeout', query.timeout, MAX_POLL_WAIT_MS) ??
      instance.requestTimeoutMs ??
      this.options.requestTimeoutMs;
    const maxBytes = Math.min(
      intParam('max_bytes', query.max_bytes) ?? Number.MAX_SAFE_INTEGER,
      this.options.requestMaxBytes,
    );
    return this.run(group, name, async (c) => {
      const records = await c.poll({ timeoutMs: Math.min(timeoutMs, MAX_POLL_WAIT_MS), maxBytes });
      countByTopic(records).forEach((n, topic) => this.metrics.recordConsumed(topic, n));
      const schemaFormat = schemaFormatOf(instance.format);
      if (schemaFormat === undefined) {
        const body = instance.pages.body(records);
        instance.pages.renderNext(c, maxBytes, () => instance.idle);
        return { format: instance.format, body };
      }
      return {
        format: instance.format,
        body: JSON.stringify(
          await Promise.all(records.map((r) => this.schemaRecord(r, schemaFormat))),
        ),
      };
    });
  }

  /** An empty body commits everything consumed; explicit offset N is stored as N + 1. */
  commit(group: string, name: string, body: CommitRequestBody | undefined): Promise<never[]> {
    return this.run(group, name, async (c) => {
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
    return this.run(group, name, async (c) => ({
      offsets: (await c.committed(body.partitions)).map((o) => ({
        ...tp(o),
        offset: o.offset,
        metadata: o.metadata ?? '',
      })),
    }));
  }

  /** avro, jsonschema, protobuf: key and value decoded from Confluent's wire format. */
  private async schemaRecord(r: ConsumedRecord, format: SchemaFormat): Promise<V2RecordData> {
    const where = (part: string): string =>
      `${part} of ${r.topic}-${r.partition} at offset ${r.offset}`;
    return {
      ...toV2Record(r, 'binary'),
      key: await this.decoder.v2Data(r.key, format, where('key')),
      value: await this.decoder.v2Data(r.value, format, where('value')),
    };
  }

  private run<T>(group: string, name: string, op: (c: PollConsumer) => Promise<T>): Promise<T> {
    return this.registry
      .get(group, name)
      .run(op)
      .catch((error: unknown) => {
        throw error instanceof ConsumerStateError
          ? ConsumeErrors.illegalState(error.message)
          : error;
      });
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

function offsetReset(value: string | undefined): OffsetResetPolicy {
  const v = (value ?? 'latest').toLowerCase();
  if (v === 'earliest' || v === 'latest' || v === 'none') {
    return v;
  }
  // Kafka's own wording for a bad enum value.
  throw ConsumeErrors.invalidConfig(
    `Invalid value ${value} for configuration auto.offset.reset: String must be one of: latest, earliest, none`,
  );
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) {
    return fallback;
  }
  if (!/^(true|false)$/i.test(value)) {
    throw ConsumeErrors.invalidConfig(
      `Invalid value ${value} for configuration ${name}: Expected value to be either true or false`,
    );
  }
  return value.toLowerCase() === 'true';
}

function int(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw ConsumeErrors.invalidConfig(`Invalid value ${value} for configuration ${name}`);
  }
  return n;
}

function countByTopic(records: ConsumedRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
  }
  return counts;
}
