import { GatewayMetrics } from '@gateway/metrics';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConsumedRecord, PollConsumer, TopicPartitionOffset } from '@gateway/kafka';
import { ERROR_CODES, RestError } from '@gateway/rest';
import {
  errorMessage,
  markMembers,
  SchemaFormat,
  stringifyJsonExact,
} from '@gateway/schema-registry';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ConsumeErrors } from '../shared/consume-errors';
import { firstValues, javaLongParam } from '../shared/query-params';
import { parseJsonInto } from '../shared/record-format';
import { SchemaDecoder, schemaFormatOf } from '../shared/schema-decoder';
import { ConsumerRegistry } from './consumer-registry';
import { toV2Record } from './consumer-records.mapper';
import { V2RecordData } from './consumers.dto';
import { negotiateRecords } from './v2-media';

// "Schema Registry must be configured when using schemas." (42206) is the instance's, not a record's.
const NO_REGISTRY_CODE = ERROR_CODES.INVALID_PAYLOAD.errorCode;

/** The query of a v2 GET records; a repeated parameter arrives as an array. */
export interface RecordsQuery {
  timeout?: string | string[];
  max_bytes?: string | string[];
}

/** kafka-rest's v2 GET records (KafkaConsumerReadTask) on this process's consumer instances. */
@Injectable()
export class ConsumerReadsService {
  private readonly logger = new Logger('ConsumerReads');

  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(CONSUME_OPTIONS) private readonly options: ConsumeOptions,
    private readonly metrics: GatewayMetrics,
    private readonly decoder: SchemaDecoder,
  ) {}

  /**
   * GET records, checked in Jersey's order: Accept (406), the query (404), the instance (40403),
   * the instance's format (40601); then a long poll.
   */
  records(
    group: string,
    name: string,
    accept: string | undefined,
    rawQuery: RecordsQuery,
    /** Aborted when the client goes away: the poll ends without consuming anything. */
    disconnected: AbortSignal,
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
    return this.registry.runOn(group, name, async (c) => {
      const signal = instance.pollSignal(disconnected);
      // All that Kafka held when the GET came, as kafka-rest's read (which waits out the timeout).
      const records = await c.poll({ timeoutMs, maxBytes, minBytes, signal, upToDate: true });
      const schemaFormat = schemaFormatOf(instance.format);
      if (schemaFormat === undefined) {
        let readable = records;
        let body: string | Buffer;
        try {
          body = instance.pages.body(records);
        } catch (error) {
          // json: a record that is not JSON (binary always renders).
          readable = await this.recordsBeforeUnreadable(c, records, error);
          body = instance.pages.body(readable);
        }
        this.countConsumed(readable);
        instance.pages.renderNext(c, maxBytes, () => instance.idle);
        return { mediaType, body };
      }
      const decoded = await this.schemaRecords(c, records, schemaFormat);
      markMembers(decoded);
      this.countConsumed(records.slice(0, decoded.length));
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

  /**
   * After a json poll failed to render: the records up to the first whose key or value is not
   * JSON, the consumer going back to it as for schema formats (so none is skipped); with that
   * record first, the rendering error. Checked only then, so a readable poll parses once.
   */
  private async recordsBeforeUnreadable(
    c: PollConsumer,
    records: ConsumedRecord[],
    renderError: unknown,
  ): Promise<ConsumedRecord[]> {
    const notJson = (bytes: Buffer | null): boolean =>
      bytes !== null && !parseJsonInto({}, 'value', bytes);
    const failed = records.findIndex((r) => notJson(r.key) || notJson(r.value));
    if (failed === -1) {
      throw renderError;
    }
    await c.seek(firstOffsets(records.slice(failed)));
    if (failed === 0) {
      throw renderError;
    }
    return records.slice(0, failed);
  }

  /** The records answered, counted per topic. */
  private countConsumed(records: ConsumedRecord[]): void {
    const counts = new Map<string, number>();
    for (const r of records) {
      counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
    }
    counts.forEach((n, topic) => this.metrics.recordConsumed(topic, n));
  }

  /** avro, jsonschema, protobuf: key and value decoded from Confluent's wire format. */
  private async schemaRecord(r: ConsumedRecord, format: SchemaFormat): Promise<V2RecordData> {
    const record = {
      ...toV2Record(r, 'binary', this.options.v2RecordMetadata),
      key: await this.schemaData(r, 'key', format),
      value: await this.schemaData(r, 'value', format),
    };
    // Floats keep the text kafka-rest writes (1.0, 1.0E21) through stringifyJsonExact.
    markMembers(record);
    return record;
  }

  /**
   * One key or value, or the Java consumer's deserialization error naming the record (the cause,
   * e.g. an unknown schema id or a registry that is down, is logged: Kafka's text leaves it out).
   */
  private schemaData(
    r: ConsumedRecord,
    field: 'key' | 'value',
    format: SchemaFormat,
  ): Promise<unknown> {
    return this.decoder.v2Data(r[field], format).catch((error: unknown) => {
      if (error instanceof RestError && error.errorCode === NO_REGISTRY_CODE) {
        throw error;
      }
      const failure = ConsumeErrors.recordNotDeserializable(field, r);
      this.logger.warn(`${failure.message} Cause: ${errorMessage(error)}`);
      throw failure;
    });
  }
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
