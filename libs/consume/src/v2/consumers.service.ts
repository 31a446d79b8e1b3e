import { GatewayMetrics } from '@gateway/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ConsumedRecord,
  ConsumerStateError,
  PollConsumer,
  RecordConsumers,
  TopicPartition,
  TopicPartitionOffset,
} from '@gateway/kafka';
import { SchemaFormat, stringifyJsonExact } from '@gateway/schema-registry';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ConsumeErrors } from '../shared/consume-errors';
import { firstValues, javaLongParam } from '../shared/query-params';
import { SchemaDecoder, schemaFormatOf } from '../shared/schema-decoder';
import { bool, instanceSettings, offsetReset } from './consumer-config';
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
import { negotiateRecords, parseEmbeddedFormat } from './v2-media';

/** The query of a v2 GET records; a repeated parameter arrives as an array. */
export interface RecordsQuery {
  timeout?: string | string[];
  max_bytes?: string | string[];
}

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
      autoCommit: bool('auto.commit.enable', body['auto.commit.enable'], true),
      // fetch.min.bytes is kafka-rest's own minimum response size (PROXY_FETCH_MIN_BYTES), kept
      // by the poll (settings.responseMinBytes), not Kafka's: a fetch answers once it can.
      fetchMinBytes: 1,
    });
    this.registry.add(new ConsumerInstance(group, name, format, consumer, settings));
    return {
      instance_id: name,
      base_uri: `${origin}/consumers/${encodeURIComponent(group)}/instances/${encodeURIComponent(name)}`,
    };
  }

  delete(group: string, name: string): Promise<void> {
    return this.registry.remove(group, name);
  }

  subscribe(group: string, name: string, body: SubscriptionRequest): Promise<void> {
    // As kafka-rest (KafkaConsumerState.subscribe): topics win over a topic_pattern given with
    // them, and a body with neither changes nothing.
    return this.run(group, name, (c) => {
      if (body.topics !== undefined && body.topics !== null) {
        // Java's KafkaConsumer.subscribe(empty list) is an unsubscribe.
        return body.topics.length === 0 ? c.unsubscribe() : c.subscribe(body.topics);
      }
      const pattern = body.topic_pattern;
      if (pattern === undefined || pattern === null) {
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

  /**
   * GET records, checked in Jersey's order: Accept (406), the query (404), the instance (40403),
   * the instance's format (40601); then a long poll.
   */
  records(
    group: string,
    name: string,
    accept: string | undefined,
    rawQuery: RecordsQuery,
  ): Promise<{ mediaType: string; body: string | Buffer }> {
    const { format, mediaType } = negotiateRecords(accept);
    const query = firstValues(rawQuery);
    const timeout = javaLongParam(query.timeout as string | undefined);
    const maxBytesParam = javaLongParam(query.max_bytes as string | undefined);
    const instance = this.registry.get(group, name);
    if (format !== instance.format) {
      throw ConsumeErrors.formatMismatch();
    }
    // kafka-rest (KafkaConsumerReadTask): the instance's consumer.request.timeout.ms bounds the
    // wait, and a timeout <= 0 means that bound; max_bytes <= 0 means consumer.request.max.bytes.
    const instanceTimeoutMs = instance.settings.requestTimeoutMs ?? this.options.requestTimeoutMs;
    const timeoutMs =
      timeout === undefined || timeout <= 0
        ? instanceTimeoutMs
        : Math.min(timeout, instanceTimeoutMs);
    const limit = Math.min(
      maxBytesParam === undefined || maxBytesParam <= 0 ? Infinity : maxBytesParam,
      this.options.requestMaxBytes,
    );
    // kafka-rest adds a record only while the bytes stay below the limit (strictly), so at most
    // limit - 1. Unlike kafka-rest, a first record larger than that is still returned alone, or
    // the instance could never get past it (kafka-rest#1413).
    const maxBytes = limit - 1;
    const minBytes = instance.settings.responseMinBytes;
    return this.run(group, name, async (c) => {
      const records = await c.poll({ timeoutMs, maxBytes, minBytes });
      const schemaFormat = schemaFormatOf(instance.format);
      if (schemaFormat === undefined) {
        countByTopic(records).forEach((n, topic) => this.metrics.recordConsumed(topic, n));
        const body = instance.pages.body(records);
        instance.pages.renderNext(c, maxBytes, () => instance.idle);
        return { mediaType, body };
      }
      const decoded = await this.schemaRecords(c, records, schemaFormat);
      countByTopic(records.slice(0, decoded.length)).forEach((n, topic) =>
        this.metrics.recordConsumed(topic, n),
      );
      return { mediaType, body: stringifyJsonExact(decoded) };
    });
  }

  /**
   * Decodes a poll's records up to the first that cannot be decoded (unknown schema, registry
   * down, not Confluent's wire format). The consumer goes back to that record and to every
   * record after it, so none is skipped: the next poll reads them again and fails at the same
   * record until it decodes or the client seeks past it, as kafka-rest's Java consumer does.
   * Records before it are answered; with none, the decoding error is.
   */
  private async schemaRecords(
    c: PollConsumer,
    records: ConsumedRecord[],
    format: SchemaFormat,
  ): Promise<V2RecordData[]> {
    const settled = await Promise.allSettled(records.map((r) => this.schemaRecord(r, format)));
    const failed = settled.findIndex((s) => s.status === 'rejected');
    if (failed === -1) {
      return settled.map((s) => (s as PromiseFulfilledResult<V2RecordData>).value);
    }
    await c.seek(firstOffsets(records.slice(failed)));
    if (failed === 0) {
      throw (settled[0] as PromiseRejectedResult).reason;
    }
    return settled.slice(0, failed).map((s) => (s as PromiseFulfilledResult<V2RecordData>).value);
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

function countByTopic(records: ConsumedRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
  }
  return counts;
}

/** The first offset of each topic-partition among `records`. */
function firstOffsets(records: ConsumedRecord[]): TopicPartitionOffset[] {
  const first = new Map<string, TopicPartitionOffset>();
  for (const r of records) {
    const key = `${r.topic}\u0000${r.partition}`;
    const seen = first.get(key);
    if (seen === undefined || r.offset < seen.offset) {
      first.set(key, { topic: r.topic, partition: r.partition, offset: r.offset });
    }
  }
  return [...first.values()];
}
