import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Producer } from '@platformatic/kafka';
import { ClusterMetadata } from '../admin/cluster-metadata';
import { assertUsableSecurity, platformaticSecurity } from '../connection-security';
import { KafkaError, namingTopics, toKafkaError } from '../kafka-errors';
import { KafkaInstrumentation } from '../instrumentation';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import { BatchSender } from './batch-sender';
import { JavaPartitioner } from './java-partitioner';
import { PartitionQueue, PendingRecord } from './partition-queue';
import { outcomesOfFailedSend, partitionKey, WITH_INVALID_RECORDS } from './produce-outcomes';
import { ProducerGenerations, ProducerHandle } from './producer-generations';
import {
  DEFAULT_PRODUCER_OPTIONS,
  OutgoingRecord,
  RecordDelivery,
  RecordProducerOptions,
} from './producer.types';
import { RecordProducer } from './record-producer';
import { TopicPartitions } from './topic-partitions';

// Kafka's record batch header; a record's own framing is at most a few varints more.
const BATCH_OVERHEAD_BYTES = 61;
const RECORD_OVERHEAD_BYTES = 21;
const MAX_RECORDS_PER_BATCH = 10_000;

interface Batch {
  queue: PartitionQueue;
  records: PendingRecord[];
}

/**
 * The shared producer. Records are queued per topic-partition and sent together, one produce
 * request at a time, so concurrent HTTP calls share Kafka requests (one batch per partition). Sending uses
 * @platformatic/kafka because kafkajs cannot write duplicate or interleaved header names nor
 * null header values; partitions are chosen with kafkajs's Java-compatible partitioner.
 */
@Injectable()
export class KafkaRecordProducer extends RecordProducer implements OnModuleDestroy {
  private readonly options: RecordProducerOptions;
  private readonly queues = new Map<string, PartitionQueue>();
  private readonly partitioner = new JavaPartitioner();
  private readonly partitions: TopicPartitions;
  private readonly generations: ProducerGenerations;
  private readonly sender: BatchSender;
  private readonly ready = new Set<PartitionQueue>();
  private inFlight = false;
  private scheduled = false;

  constructor(
    @Inject(KAFKA_OPTIONS) kafka: KafkaOptions,
    metadata: ClusterMetadata,
    private readonly instrumentation: KafkaInstrumentation,
  ) {
    super();
    this.options = { ...DEFAULT_PRODUCER_OPTIONS, ...kafka.producer };
    this.partitions = new TopicPartitions(metadata, this.options.metadataMaxAgeMs);
    this.generations = new ProducerGenerations(() => this.createProducer(kafka));
    this.sender = new BatchSender({ ...this.options, requestTimeoutMs: kafka.requestTimeoutMs });
  }

  partitionCount(topic: string, atLeast?: number): Promise<number> {
    return this.partitions.count(topic, atLeast).catch((error: unknown) => {
      throw namingTopics(toKafkaError(error), [topic]);
    });
  }

  partitionForKey(key: Buffer, partitionCount: number): number {
    return this.partitioner.forKey('', key, partitionCount);
  }

  async produce(record: OutgoingRecord): Promise<RecordDelivery> {
    const size = estimateSize(record);
    if (size > this.options.maxRequestSize) {
      throw new KafkaError(
        'RECORD_TOO_LARGE',
        `The message is ${size} bytes when serialized which is larger than ${this.options.maxRequestSize}, which is the value of the max.request.size configuration.`,
        false,
      );
    }
    const count = this.partitions.peek(record.topic) ?? (await this.partitions.count(record.topic));
    const partition =
      record.partitionId ??
      (record.key !== null
        ? this.partitioner.forKey(record.topic, record.key, count)
        : this.partitioner.forNullKey(record.topic, count));
    const queue = this.queue(record.topic, partition);
    const delivery = new Promise<RecordDelivery>((resolve, reject) => {
      queue.push({ record, size, resolve, reject });
    });
    if (
      record.key === null &&
      record.partitionId === undefined &&
      queue.bytes >= this.options.maxRequestSize
    ) {
      // A full batch: the next null-key records start one on another partition (as Java's
      // sticky partitioner does), so one request carries a full batch per partition.
      this.partitioner.batchSent(record.topic, partition, count);
    }
    this.schedule(queue);
    return delivery;
  }

  async onModuleDestroy(): Promise<void> {
    await this.generations.closeAll();
  }

  private queue(topic: string, partition: number): PartitionQueue {
    const key = partitionKey(topic, partition);
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = new PartitionQueue(topic, partition);
      this.queues.set(key, queue);
    }
    return queue;
  }

  private schedule(queue: PartitionQueue): void {
    this.ready.add(queue);
    if (this.inFlight || this.scheduled) {
      return;
    }
    this.scheduled = true;
    const flush = (): void => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.options.lingerMs > 0) {
      setTimeout(flush, this.options.lingerMs);
    } else {
      setImmediate(flush);
    }
  }

  /**
   * One produce request at a time, holding a batch for every partition with waiting records:
   * records that arrive while it is in flight form the next one. The idempotent producer
   * keeps one connection with one request in flight per broker anyway, so one request with
   * all partitions beats one request per partition.
   */
  private async flush(): Promise<void> {
    if (this.inFlight) {
      return;
    }
    const batches: Batch[] = [];
    for (const queue of this.ready) {
      const records = queue.take(this.options.maxRequestSize, MAX_RECORDS_PER_BATCH);
      if (queue.length === 0) {
        this.ready.delete(queue);
      }
      if (records.length > 0) {
        batches.push({ queue, records });
        const count = this.partitions.peek(queue.topic);
        if (count !== undefined) {
          this.partitioner.batchSent(queue.topic, queue.partition, count);
        }
      }
    }
    if (batches.length === 0) {
      return;
    }
    this.inFlight = true;
    try {
      await this.send(batches);
    } finally {
      this.inFlight = false;
      if (this.ready.size > 0) {
        void this.flush();
      }
    }
  }

  private async send(batches: Batch[]): Promise<void> {
    const handle = this.generations.acquire();
    try {
      await handle.ready;
      const offsets = await this.sender.send(
        handle,
        batches.map(({ queue, records }) => ({
          topic: queue.topic,
          partition: queue.partition,
          records: records.map((p) => p.record),
        })),
      );
      for (const { queue, records } of batches) {
        // acks=0: the sender reports -1, as Kafka tells such a producer no offsets.
        this.settle(queue, records, offsets.get(partitionKey(queue.topic, queue.partition)));
      }
    } catch (error) {
      this.failed(batches, handle, error);
    } finally {
      this.generations.release(handle);
    }
  }

  /** Settles every record of a failed request from what Kafka said for its partition. */
  private failed(batches: Batch[], handle: ProducerHandle, error: unknown): void {
    const outcomes = outcomesOfFailedSend(error);
    const whole = toKafkaError(error);
    // Partitions written by this request still hold the old sequence numbers: only a new
    // producer id makes the next batches safe, whatever the error was.
    this.generations.replace(handle);
    for (const { queue, records } of batches) {
      const outcome = outcomes.get(partitionKey(queue.topic, queue.partition));
      if (outcome !== undefined && 'baseOffset' in outcome) {
        this.settle(queue, records, outcome.baseOffset);
        continue;
      }
      const cause = outcome?.error ?? whole;
      if (cause.kind === 'RECORD_TOO_LARGE' && records.length > 1) {
        // Kafka refused this partition's batch and wrote none of it: retry one record per
        // request (the Java producer splits such batches too), so only oversized ones fail.
        queue.requeueSingly(records);
        this.schedule(queue);
        continue;
      }
      if (cause.kind === 'TOPIC_NOT_FOUND') {
        this.partitions.invalidate(queue.topic);
      }
      const named =
        outcome !== undefined && 'recordErrors' in outcome ? outcome.recordErrors : undefined;
      records.forEach((pending, i) =>
        pending.reject(named === undefined ? cause : (named.get(i) ?? WITH_INVALID_RECORDS)),
      );
    }
  }

  /** Resolves a batch's records with their offsets, and counts them once for the batch. */
  private settle(
    queue: PartitionQueue,
    batch: PendingRecord[],
    base: bigint | number | undefined,
  ): void {
    if (base === undefined) {
      const error = new KafkaError('UNKNOWN', 'Kafka returned no offset for the batch.', true);
      batch.forEach((p) => p.reject(error));
      return;
    }
    const first = Number(base);
    let bytes = 0;
    for (let i = 0; i < batch.length; i++) {
      const pending = batch[i];
      // Key + value, as the metric says (`size` adds the batch and record overhead).
      bytes += (pending.record.key?.length ?? 0) + (pending.record.value?.length ?? 0);
      pending.resolve({
        topic: queue.topic,
        partitionId: queue.partition,
        offset: first < 0 ? first : first + i,
        timestamp: pending.record.timestamp,
      });
    }
    this.instrumentation.recordsProduced(queue.topic, batch.length, bytes);
  }

  private createProducer(kafka: KafkaOptions): ProducerHandle {
    const producer = new Producer({
      clientId: kafka.clientId,
      bootstrapBrokers: kafka.bootstrapServers,
      connectTimeout: kafka.connectionTimeoutMs,
      timeout: kafka.requestTimeoutMs,
      retries: this.options.retries,
      retryDelay: this.options.retryDelayMs,
      idempotent: this.options.idempotent,
      acks: this.options.acks,
      autocreateTopics: false,
      strict: false,
      ...platformaticSecurity(kafka.security),
    });
    // Unusable security settings fail every send here, before anything connects.
    const identity = Promise.resolve()
      .then(() => assertUsableSecurity(kafka.security))
      .then(() => (this.options.idempotent ? producer.initIdempotentProducer({}) : undefined));
    return new ProducerHandle(producer, identity);
  }
}

function estimateSize(record: OutgoingRecord): number {
  let size = BATCH_OVERHEAD_BYTES + RECORD_OVERHEAD_BYTES;
  size += record.key?.length ?? 0;
  size += record.value?.length ?? 0;
  for (const header of record.headers) {
    size += Buffer.byteLength(header.name) + (header.value?.length ?? 0) + 10;
  }
  return size;
}
