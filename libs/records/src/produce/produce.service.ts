import { Injectable, Logger } from '@nestjs/common';
import { KafkaError, RecordDelivery, RecordProducer } from '@gateway/kafka';
import { GatewayMetrics } from '@gateway/metrics';
import { LOG_CODE, RestError, toRestError } from '@gateway/rest';
import { ProduceRateLimiter } from '../limits/produce-rate-limiter';
import { SerializedData } from '../serialization/record-serializer';
import { parseProduceRequest, ProduceRequest } from './produce-request';
import { ProduceResponse, ProduceResponseData, toInstant } from './produce-response';
import { PreparedRecord, RecordPreparer } from './record-preparer';
import { preparesSlowly, SendOrder } from './send-order';

/**
 * Produces one record and answers with its receipt. Never rejects: every record gets exactly
 * one receipt, a success or an error (CONFLUENT-REST-NOTES.md §3.2, §3.3).
 */
@Injectable()
export class ProduceService {
  private readonly logger = new Logger('ProduceService');
  private readonly sendOrder = new SendOrder();

  constructor(
    private readonly producer: RecordProducer,
    private readonly preparer: RecordPreparer,
    private readonly rateLimiter: ProduceRateLimiter,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** One record as decoded JSON; `jsonBytes` is its text size (rate limits count it). */
  produceJson(
    clusterId: string,
    topic: string,
    json: unknown,
    jsonBytes: number,
  ): Promise<ProduceResponse> {
    try {
      // kafka-rest limits a record once Jackson has mapped it: a record that does not map
      // answers its 400 and takes no permits.
      const request = parseProduceRequest(json);
      const refusal = this.rateLimiter.refusal(clusterId, jsonBytes);
      if (refusal !== undefined) {
        return Promise.resolve(this.rateLimitedReceipt(refusal));
      }
      return this.produce(clusterId, topic, request);
    } catch (error) {
      return Promise.resolve(this.errorReceipt(error));
    }
  }

  /** One validated record. */
  async produce(
    clusterId: string,
    topic: string,
    request: ProduceRequest,
  ): Promise<ProduceResponse> {
    // Schema lookups await: records of the topic are prepared and sent one after the other, so
    // none overtakes an earlier one and each sees the schemas registered before it (Confluent
    // serializes them in request order).
    const started = performance.now();
    const turn = this.sendOrder.enter(topic, preparesSlowly(request));
    try {
      const partitionId = request.partition_id;
      if (partitionId !== undefined && partitionId !== null && partitionId < 0) {
        throw new RestError('PARTITION_NOT_FOUND');
      }
      if (turn.previous !== undefined) {
        await turn.previous;
      }
      // Serialized before the topic is looked up, as kafka-rest (only its producer's send needs
      // the topic): a bad record answers its own error whether or not the topic exists.
      const prepared = await this.preparer.prepare(topic, request);
      const count = await this.partitionCount(topic, (partitionId ?? -1) + 1);
      if (partitionId !== undefined && partitionId !== null && partitionId >= count) {
        // kafka-rest's producer waits max.block.ms for the partition to appear, then answers
        // 40401 with the Java client's words; this answers the same at once.
        throw new RestError(
          'TOPIC_NOT_FOUND',
          `Partition ${partitionId} of topic ${topic} with partition count ${count} is not present in metadata.`,
        );
      }
      const sent = this.producer.produce(prepared.record);
      turn.done();
      const delivery = await sent;
      this.metrics.recordProduceLatency((performance.now() - started) / 1000);
      return successReceipt(clusterId, delivery, prepared);
    } catch (error) {
      return this.errorReceipt(error);
    } finally {
      turn.done();
    }
  }

  /**
   * Fails fast with 40401 for a missing topic: kafka-rest gives the same code after the Java
   * producer's 60 s metadata wait, in its words ("Topic t not present in metadata after 60000
   * ms."), which these keep, less the wait.
   */
  async partitionCount(topic: string, atLeast?: number): Promise<number> {
    try {
      return await this.producer.partitionCount(topic, atLeast);
    } catch (error) {
      if (error instanceof KafkaError && error.kind === 'TOPIC_NOT_FOUND') {
        throw new RestError('TOPIC_NOT_FOUND', `Topic ${topic} not present in metadata.`);
      }
      throw error;
    }
  }

  /**
   * The 429 receipt of a record the produce rate limit refused (HTTP stays 200/207); the
   * request log names the limit (`logCode`).
   */
  rateLimitedReceipt(logCode: number): ProduceResponse {
    const receipt: ProduceResponse = new RestError('PRODUCE_RATE_LIMITED').toBody();
    receipt[LOG_CODE] = logCode;
    this.metrics.recordProduceError(receipt.error_code);
    return receipt;
  }

  errorReceipt(error: unknown): ProduceResponse {
    const receipt = this.errorBody(error);
    this.metrics.recordProduceError(receipt.error_code);
    return receipt;
  }

  private errorBody(error: unknown): ProduceResponse {
    const rest = toRestError(error);
    if (rest === undefined) {
      this.logger.error('Unexpected produce failure', error instanceof Error ? error.stack : error);
      return new RestError('INTERNAL_SERVER_ERROR').toBody();
    }
    // Constraint violations travel in receipts as 422 "Error: 422xx : ..." (kafka-rest §3.3).
    if (rest.status === 422 && rest.errorCode !== 422) {
      return { error_code: 422, message: `Error: ${rest.errorCode} : ${rest.message}` };
    }
    return rest.toBody();
  }
}

function successReceipt(
  clusterId: string,
  delivery: RecordDelivery,
  prepared: PreparedRecord,
): ProduceResponse {
  const receipt: ProduceResponse = {
    error_code: 200,
    cluster_id: clusterId,
    topic_name: delivery.topic,
    partition_id: delivery.partitionId,
    offset: delivery.offset,
    timestamp: toInstant(delivery.timestamp),
  };
  if (prepared.key !== undefined) {
    receipt.key = responseData(prepared.key);
  }
  if (prepared.value !== undefined) {
    receipt.value = responseData(prepared.value);
  }
  return receipt;
}

function responseData(data: SerializedData): ProduceResponseData {
  const out = { type: data.type } as ProduceResponseData;
  if (data.subject !== undefined) {
    out.subject = data.subject;
  }
  if (data.schemaId !== undefined) {
    out.schema_id = data.schemaId;
  }
  if (data.schemaVersion !== undefined) {
    out.schema_version = data.schemaVersion;
  }
  // Kafka's RecordMetadata.serializedKeySize/serializedValueSize: -1 for a null key or value.
  out.size = data.bytes === null ? -1 : data.bytes.length;
  return out;
}
