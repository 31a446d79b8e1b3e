import { GatewayMetrics } from '@gateway/metrics';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  ConsumedRecord,
  KafkaError,
  namingTopics,
  PollConsumer,
  RecordConsumers,
  TopicAdmin,
} from '@gateway/kafka';
import { hijackReply, kafkaTextParam, RestError, ShutdownSignal, toRestError } from '@gateway/rest';
import { stringifyJsonExact } from '@gateway/schema-registry';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ClusterGuard } from '../shared/cluster-guard.service';
import { ConsumeErrors } from '../shared/consume-errors';
import { negotiateMediaType, ProducedType } from '../shared/media-negotiation';
import { firstValues } from '../shared/query-params';
import { RecordFormat } from '../shared/record-format';
import { SchemaDecoder, schemaFormatOf } from '../shared/schema-decoder';
import { RecordData } from './partition-records.dto';
import { parseFormat } from './partition-records.service';
import { bodyCapacity, toSchemaRecordData, writeRecordData } from './record-data.mapper';
import { RecordStreamQuery } from './record-stream.dto';
import { parseFrom, parseStart, seekToStart } from './stream-start';
import { PositionsEncoder } from './stream-position';
import { StreamMediaType, StreamWriter } from './stream-writer';

interface OpenStream {
  consumer: PollConsumer;
  writer: StreamWriter;
  topic: string;
  format: RecordFormat;
  group: boolean;
  /**
   * Without a group: the partitions assigned, the count last seen, when the topic was last
   * looked at, and whether it is being looked at now.
   */
  partitions: number;
  partitionsSeen: number;
  partitionsCheckedAt: number;
  checkingPartitions: boolean;
}

/** SSE and NDJSON streams of a topic, with or without a consumer group. */
@Injectable()
export class RecordStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('RecordStreamService');
  private readonly open = new Set<OpenStream>();

  constructor(
    private readonly clusters: ClusterGuard,
    private readonly topics: TopicAdmin,
    private readonly consumers: RecordConsumers,
    private readonly shutdown: ShutdownSignal,
    private readonly metrics: GatewayMetrics,
    @Inject(CONSUME_OPTIONS) private readonly options: ConsumeOptions,
    private readonly decoder: SchemaDecoder,
  ) {
    this.shutdown.onDrain(() => this.open.forEach((s) => s.writer.end()));
  }

  /** Checks everything that can fail with a status, then hands the connection to the stream. */
  async stream(
    clusterId: string,
    topic: string,
    query: RecordStreamQuery,
    accept: string | undefined,
    lastEventId: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    query = firstValues(query);
    const mediaType = negotiate(accept);
    const format = parseFormat(query.format);
    if (schemaFormatOf(format) !== undefined && !this.decoder.configured) {
      throw RestError.invalidPayload('Schema Registry must be configured when using schemas.');
    }
    const group =
      query.group_id !== undefined && query.group_id !== ''
        ? kafkaTextParam('group_id', query.group_id)
        : undefined;
    if (group !== undefined && (nonEmpty(query.offsets) || nonEmpty(query.timestamp))) {
      throw ConsumeErrors.badRequest(
        "'offsets' and 'timestamp' cannot be combined with 'group_id': a group's stream starts from the group's committed offsets.",
      );
    }
    // A group's stream resumes from its commits: an EventSource's Last-Event-ID is not needed.
    const start = group === undefined ? parseStart(query, lastEventId) : undefined;
    await this.clusters.require(clusterId);
    const described = await this.topics.describeTopic(topic).catch((error: unknown) => {
      // A consumer names the topic it may not read, as the Java consumer does.
      throw error instanceof KafkaError ? namingTopics(error, [topic]) : error;
    });
    const partitions = described.partitions.map((p) => p.partitionId);
    const consumer = this.consumers.create({
      groupId: group ?? `${this.options.clientId}-stream-${randomUUID()}`,
      clientId: `${this.options.clientId}-stream`,
      // Without a group, `from` is only where the stream starts (set by seekToStart); a position
      // Kafka no longer holds (retention, a recreated topic) restarts at the earliest record
      // rather than skipping to the end.
      autoOffsetReset: group === undefined ? 'earliest' : parseFrom(query.from),
      autoCommit: false,
      fetchMinBytes: 1,
    });
    try {
      if (start !== undefined) {
        await seekToStart(consumer, topic, partitions, start);
      } else {
        await consumer.subscribe([topic]);
      }
    } catch (error) {
      await consumer.close();
      throw error;
    }
    const writer = new StreamWriter(hijackReply(reply), mediaType);
    writer.start();
    const open: OpenStream = {
      consumer,
      writer,
      topic,
      format,
      group: group !== undefined,
      partitions: partitions.length,
      partitionsSeen: partitions.length,
      partitionsCheckedAt: Date.now(),
      checkingPartitions: false,
    };
    this.open.add(open);
    const closed = this.metrics.streamOpened(mediaType === 'text/event-stream' ? 'sse' : 'ndjson');
    void this.pump(open).finally(() => {
      this.open.delete(open);
      closed();
    });
  }

  async onModuleDestroy(): Promise<void> {
    const streams = [...this.open];
    streams.forEach((s) => s.writer.end());
    await Promise.allSettled(streams.map((s) => s.consumer.close()));
  }

  private async pump(s: OpenStream): Promise<void> {
    let lastWrite = Date.now();
    try {
      while (!s.writer.closed && !this.shutdown.draining) {
        await this.assignNewPartitions(s);
        const positions = new Map(s.consumer.positions().map((p) => [p.partition, p.offset]));
        const records = await s.consumer.poll({
          timeoutMs: Math.min(1_000, this.options.streamHeartbeatMs),
          maxBytes: this.options.streamPollMaxBytes,
          maxRecords: this.options.streamPollMaxRecords,
        });
        const written = await this.write(s, records, positions);
        if (written.length > 0) {
          lastWrite = Date.now();
          await this.commitWritten(s, written);
        } else if (Date.now() - lastWrite >= this.options.streamHeartbeatMs) {
          await s.writer.heartbeat();
          lastWrite = Date.now();
        }
      }
    } catch (error) {
      const rest = toRestError(error) ?? new RestError('INTERNAL_SERVER_ERROR');
      // A client that went away or a shutdown closes the consumer under a pending fetch: expected.
      const expected = s.writer.closed || this.shutdown.draining;
      if (rest.status >= 500 && !expected) {
        this.logger.error(`Record stream of ${s.topic} failed: ${String(error)}`);
      }
      await s.writer.error(rest.toBody()).catch(() => undefined);
    } finally {
      s.writer.end();
      await s.consumer.close().catch(() => undefined);
    }
  }

  /**
   * Without a group, partitions added to the topic since the stream opened are assigned; with
   * no position yet, they start at their earliest record (the consumer's reset policy). The
   * topic is looked at in the background: a hung broker must not stop the heartbeats.
   */
  private async assignNewPartitions(s: OpenStream): Promise<void> {
    // A group's members get new partitions by rebalancing.
    if (s.group) {
      return;
    }
    if (s.partitionsSeen > s.partitions) {
      s.partitions = s.partitionsSeen;
      await s.consumer.assign(
        Array.from({ length: s.partitions }, (_, partition) => ({ topic: s.topic, partition })),
      );
    }
    if (
      !s.checkingPartitions &&
      Date.now() - s.partitionsCheckedAt >= this.options.streamPartitionsCheckMs
    ) {
      s.checkingPartitions = true;
      s.partitionsCheckedAt = Date.now();
      // A failure (the topic deleted, Kafka unreachable) is the next poll's to report.
      void this.topics
        .describeTopic(s.topic)
        .then(
          (topic) => (s.partitionsSeen = Math.max(s.partitionsSeen, topic.partitions.length)),
          () => undefined,
        )
        .finally(() => (s.checkingPartitions = false));
    }
  }

  /** Writes a poll's records in order, each with the positions after it; returns those written. */
  private async write(
    s: OpenStream,
    records: ConsumedRecord[],
    positions: Map<number, number>,
  ): Promise<ConsumedRecord[]> {
    if (records.length === 0) {
      return [];
    }
    const decoded = await this.decodeSchemas(s, records);
    const ids = new PositionsEncoder(positions);
    const written = await s.writer.records(
      records.length,
      (out, i) => {
        ids.move(records[i].partition, records[i].offset + 1);
        ids.write(out);
      },
      ids.maxLength,
      decoded === undefined
        ? (out, i) => writeRecordData(out, records[i], s.format)
        : (out, i) => out.text(stringifyJsonExact(decoded[i])),
      bodyCapacity(records),
    );
    if (!written) {
      return [];
    }
    this.metrics.recordConsumed(s.topic, records.length);
    return records;
  }

  /** format=avro|jsonschema|protobuf: the records with keys and values decoded, else undefined. */
  private async decodeSchemas(
    s: OpenStream,
    records: ConsumedRecord[],
  ): Promise<RecordData[] | undefined> {
    const schemaFormat = schemaFormatOf(s.format);
    if (schemaFormat === undefined) {
      return undefined;
    }
    const pairs = await this.decoder.typedPairs(records, schemaFormat);
    return records.map((r, i) => toSchemaRecordData(r, s.format, pairs[i]));
  }

  /** With a group, commits exactly what reached the socket, once it has. */
  private async commitWritten(s: OpenStream, written: ConsumedRecord[]): Promise<void> {
    if (!s.group) {
      return;
    }
    if (!(await s.writer.flushed())) {
      return; // the client went away: what it got is unknown, so nothing is committed
    }
    const next = new Map<number, number>();
    written.forEach((r) => next.set(r.partition, r.offset + 1));
    await s.consumer.commit(
      [...next].map(([partition, offset]) => ({ topic: s.topic, partition, offset })),
    );
  }
}

// SSE is the default (`*/*`, no Accept); NDJSON when the client prefers it.
const STREAM_TYPES: readonly ProducedType<StreamMediaType>[] = [
  { value: 'text/event-stream', type: 'text', subtype: 'event-stream', qs: 1 },
  { value: 'application/x-ndjson', type: 'application', subtype: 'x-ndjson', qs: 0.9 },
];

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

/** The stream type `Accept` prefers (its q-values count; q=0 refuses); neither is 406. */
function negotiate(accept: string | undefined): StreamMediaType {
  const best = negotiateMediaType(accept, STREAM_TYPES, { refuseZeroQ: true });
  if (best === undefined) {
    throw new RestError('NOT_ACCEPTABLE');
  }
  return best.value;
}
