import { GatewayMetrics } from '@gateway/metrics';
import { Injectable } from '@nestjs/common';
import { KafkaError, OutgoingRecord, RecordProducer } from '@gateway/kafka';
import { RestError, toRestError } from '@gateway/rest';
import { parseV2Request, V2Format, V2PartitionOffset, V2ProduceResponse } from './produce-v2.dto';
import { V2SchemaEncoder } from './v2-schema-encoder';

// v2 reports only these per-record codes (CONFLUENT-REST-NOTES.md §2).
const V2_UNAUTHORIZED = 40101;
const V2_FORBIDDEN = 40301;
const V2_RETRIABLE = 50003;
const V2_KAFKA_ERROR = 50002;

export interface V2ProduceResult {
  status: number;
  body: V2ProduceResponse;
}

/** v2 produce (`POST /topics/{t}` and `/topics/{t}/partitions/{p}`), every embedded format. */
@Injectable()
export class ProduceV2Service {
  constructor(
    private readonly producer: RecordProducer,
    private readonly metrics: GatewayMetrics,
    private readonly schemas: V2SchemaEncoder,
  ) {}

  async produceRecords(
    topic: string,
    partitionInPath: number | undefined,
    body: unknown,
    format: V2Format,
  ): Promise<V2ProduceResult> {
    const started = performance.now();
    const records = parseV2Request(body, partitionInPath !== undefined, format);
    const highest = records.reduce(
      (max, r) => Math.max(max, r.partition ?? -1),
      partitionInPath ?? -1,
    );
    const lookup = await this.partitionCountOrRecordError(topic, highest + 1);
    const count = typeof lookup === 'number' ? lookup : undefined;
    const encoders = await this.schemas.encoders(topic, format, body);
    const now = Date.now();
    const outgoing = records.map((r): OutgoingRecord => {
      // As kafka-rest: a record's own partition wins over the one in the path.
      const partition = r.partition ?? partitionInPath;
      if (count !== undefined && partition !== undefined && (partition < 0 || partition >= count)) {
        throw new RestError('PARTITION_NOT_FOUND');
      }
      return {
        topic,
        partitionId: partition,
        key: encoders.key(r),
        value: encoders.value(r),
        headers: [],
        timestamp: now,
      };
    });
    const offsets =
      typeof lookup === 'number'
        ? await Promise.all(outgoing.map((r) => this.produceOne(r, started)))
        : outgoing.map(() => this.failedRecord(lookup));
    return {
      status: httpStatus(offsets),
      body: {
        offsets,
        key_schema_id: encoders.keySchemaId,
        value_schema_id: encoders.valueSchemaId,
      },
    };
  }

  /**
   * The topic's partition count, or the error each record gets instead: kafka-rest v2 answers a
   * missing or forbidden topic per record, as the Java producer fails each send (a forbidden one
   * makes the answer 403, AuthorizationErrorTest). A missing topic is answered at once, not
   * after the producer's 60 s metadata wait: 40401 says what happened (upstream: 50003).
   */
  private async partitionCountOrRecordError(
    topic: string,
    atLeast: number,
  ): Promise<number | V2RecordError> {
    try {
      return await this.producer.partitionCount(topic, atLeast);
    } catch (error) {
      if (error instanceof KafkaError && error.kind === 'TOPIC_NOT_FOUND') {
        const missing = new RestError('TOPIC_NOT_FOUND', `Topic '${topic}' not found.`);
        return { error_code: missing.errorCode, error: missing.message };
      }
      if (error instanceof KafkaError && PER_RECORD_KINDS.has(error.kind)) {
        return v2Error(error);
      }
      throw error;
    }
  }

  private failedRecord(failure: V2RecordError): V2PartitionOffset {
    this.metrics.recordProduceError(failure.error_code);
    return { partition: null, offset: null, ...failure };
  }

  private async produceOne(record: OutgoingRecord, started: number): Promise<V2PartitionOffset> {
    try {
      const delivery = await this.producer.produce(record);
      this.metrics.recordProduceLatency((performance.now() - started) / 1000);
      return {
        partition: delivery.partitionId,
        offset: delivery.offset,
        error_code: null,
        error: null,
      };
    } catch (error) {
      return this.failedRecord(v2Error(error));
    }
  }
}

// Failures of the topic lookup that the Java producer reports on each send.
const PER_RECORD_KINDS = new Set<KafkaError['kind']>([
  'AUTHORIZATION_FAILED',
  'AUTHENTICATION_FAILED',
  // An internal topic: the broker refuses each append (InvalidTopicException).
  'INVALID_TOPIC',
]);

interface V2RecordError {
  error_code: number;
  error: string;
}

function v2Error(error: unknown): V2RecordError {
  const rest = toRestError(error);
  const message = rest?.message ?? 'Internal Server Error';
  if (rest?.errorCode === V2_UNAUTHORIZED || rest?.errorCode === V2_FORBIDDEN) {
    return { error_code: rest.errorCode, error: message };
  }
  const retriable = (error as { retriable?: boolean } | null)?.retriable === true;
  return { error_code: retriable ? V2_RETRIABLE : V2_KAFKA_ERROR, error: message };
}

/** 200, except that any 40101 record makes it 401 and any 40301 record makes it 403. */
function httpStatus(offsets: V2PartitionOffset[]): number {
  if (offsets.some((o) => o.error_code === V2_UNAUTHORIZED)) {
    return 401;
  }
  return offsets.some((o) => o.error_code === V2_FORBIDDEN) ? 403 : 200;
}
