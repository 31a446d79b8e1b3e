import { GatewayMetrics } from '@gateway/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { OffsetOutOfRangeError, PartitionReader, PartitionReadStart } from '@gateway/kafka';
import { ResourceUrls, RestError } from '@gateway/rest';
import { stringifyJsonExact } from '@gateway/schema-registry';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ClusterGuard } from '../shared/cluster-guard.service';
import { ConsumeErrors } from '../shared/consume-errors';
import { firstValues, intParam, timestampParam } from '../shared/query-params';
import { RECORD_FORMATS, RecordFormat } from '../shared/record-format';
import { SchemaDecoder, schemaFormatOf } from '../shared/schema-decoder';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_RECORDS,
  MAX_MAX_RECORDS,
  MAX_TIMEOUT_MS,
  PartitionRecordsData,
  PartitionRecordsQuery,
} from './partition-records.dto';
import {
  bodyCapacity,
  partitionRecordsBody,
  toSchemaRecordData,
  writeRecordData,
} from './record-data.mapper';

/**
 * Stateless reads: everything needed is in the request, so any replica can answer. A read
 * answers the PartitionRecordsData JSON as bytes, written record by record (writeRecordData).
 */
@Injectable()
export class PartitionRecordsService {
  constructor(
    private readonly clusters: ClusterGuard,
    private readonly reader: PartitionReader,
    @Inject(CONSUME_OPTIONS) private readonly options: ConsumeOptions,
    private readonly metrics: GatewayMetrics,
    private readonly decoder: SchemaDecoder,
  ) {}

  async read(
    clusterId: string,
    topic: string,
    partition: number,
    query: PartitionRecordsQuery,
    urls: ResourceUrls,
    signal?: AbortSignal,
  ): Promise<Buffer> {
    query = firstValues(query);
    const format = parseFormat(query.format);
    const schemaFormat = schemaFormatOf(format);
    if (schemaFormat !== undefined && !this.decoder.configured) {
      throw RestError.invalidPayload('Schema Registry must be configured when using schemas.');
    }
    const start = parseStart(query);
    await this.clusters.require(clusterId);
    const read = await this.reader
      .read({
        topic,
        partition,
        start,
        maxRecords:
          intParam('max_records', query.max_records, MAX_MAX_RECORDS) ?? DEFAULT_MAX_RECORDS,
        maxBytes: Math.min(
          intParam('max_bytes', query.max_bytes) ?? DEFAULT_MAX_BYTES,
          this.options.requestMaxBytes,
        ),
        timeoutMs:
          intParam('timeout_ms', query.timeout_ms, MAX_TIMEOUT_MS) ?? this.options.requestTimeoutMs,
        signal,
      })
      .catch((error: unknown) => {
        throw error instanceof OffsetOutOfRangeError
          ? ConsumeErrors.badRequest(error.message)
          : error;
      });
    this.metrics.recordConsumed(topic, read.records.length);
    const decoded =
      schemaFormat === undefined
        ? undefined
        : await this.decoder.typedPairs(read.records, schemaFormat);
    const path = ['clusters', clusterId, 'topics', topic, 'partitions', partition, 'records'];
    const page: PartitionRecordsData = {
      kind: 'KafkaPartitionRecords',
      metadata: {
        self: withQuery(urls.url(...path), query),
        next: withQuery(urls.url(...path), {
          ...query,
          offset: String(read.nextOffset),
          timestamp: undefined,
        }),
      },
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: partition,
      earliest_offset: read.earliestOffset,
      latest_offset: read.latestOffset,
      next_offset: read.nextOffset,
      data: [],
    };
    const records = read.records;
    return partitionRecordsBody(
      page,
      records.length,
      decoded === undefined
        ? (out, i) => writeRecordData(out, records[i], format)
        : (out, i) =>
            out.text(stringifyJsonExact(toSchemaRecordData(records[i], format, decoded[i]))),
      bodyCapacity(records),
    );
  }
}

export function parseFormat(value: string | undefined): RecordFormat {
  const format = (value ?? 'binary').toLowerCase();
  if (!RECORD_FORMATS.includes(format as RecordFormat)) {
    throw ConsumeErrors.badRequest(
      `Invalid value for 'format': ${value}. Expected one of ${RECORD_FORMATS.join(', ')}.`,
    );
  }
  return format as RecordFormat;
}

function parseStart(query: PartitionRecordsQuery): PartitionReadStart {
  const offset = intParam('offset', query.offset);
  const timestamp = timestampParam('timestamp', query.timestamp);
  if ((offset === undefined) === (timestamp === undefined)) {
    throw ConsumeErrors.badRequest("Exactly one of 'offset' and 'timestamp' is required.");
  }
  return offset !== undefined ? { offset } : { timestamp: timestamp! };
}

function withQuery(url: string, query: PartitionRecordsQuery): string {
  const params = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  return params === '' ? url : `${url}?${params}`;
}
