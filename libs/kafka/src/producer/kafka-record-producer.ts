import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { MessageToProduce, Producer } from '@platformatic/kafka';
import { ClusterMetadata } from '../admin/cluster-metadata';
import { KafkaError, KafkaErrorKind, toKafkaError } from '../kafka-errors';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import { JavaPartitioner } from './java-partitioner';
import { PartitionQueue, PendingRecord } from './partition-queue';
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
const MAX_RECORDS_PER_REQUEST = 10_000;

/**
 * The shared producer. Records are queued per topic-partition and each queue sends one produce
 * request at a time, so concurrent HTTP calls share Kafka requests. Sending uses
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

  constructor(@Inject(KAFKA_OPTIONS) kafka: KafkaOptions, metadata: ClusterMetadata) {
    super();
    this.options = { ...DEFAULT_PRODUCER_OPTIONS, ...kafka.producer };
    this.partitions = new TopicPartitions(metadata, this.options.metadataMaxAgeMs);
    this.generations = new ProducerGenerations(() => this.createProducer(kafka));
  }

  partitionCount(topic: string): Promise<number> {
    return this.partitions.count(topic);
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
    return new Promise<RecordDelivery>((resolve, reject) => {
      queue.push({ record, size, resolve, reject });
      this.schedule(queue);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.generations.closeAll();
  }

  private queue(topic: string, partition: number): PartitionQueue {
    const key = `${topic}\u0000${partition}`;
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = new PartitionQueue(topic, partition);
      this.queues.set(key, queue);
    }
    return queue;
  }

  private schedule(queue: PartitionQueue): void {
    if (queue.inFlight || queue.scheduled) {
      return;
    }
    queue.scheduled = true;
    const flush = (): void => {
      queue.scheduled = false;
      void this.flush(queue);
    };
    if (this.options.lingerMs > 0) {
      setTimeout(flush, this.options.lingerMs);
    } else {
      setImmediate(flush);
    }
  }

  private async flush(queue: PartitionQueue): Promise<void> {
    if (queue.inFlight || queue.length === 0) {
      return;
    }
    queue.inFlight = true;
    const batch = queue.take(this.options.maxRequestSize, MAX_RECORDS_PER_REQUEST);
    const count = this.partitions.peek(queue.topic);
    if (count !== undefined) {
      this.partitioner.batchSent(queue.topic, queue.partition, count);
    }
    try {
      await this.send(queue, batch);
    } finally {
      queue.inFlight = false;
      if (queue.length > 0) {
        // Whatever arrived while this request was in flight goes out at once, as one request.
        void this.flush(queue);
      }
    }
  }

  private async send(queue: PartitionQueue, batch: PendingRecord[]): Promise<void> {
    const handle = this.generations.acquire();
    try {
      await handle.ready;
      const result = await handle.producer.send({
        messages: batch.map((p) => toMessage(p, queue.partition)),
      });
      const base = result.offsets?.find((o) => o.partition === queue.partition)?.offset;
      settle(queue, batch, this.options.acks === 0 ? -1 : base);
    } catch (error) {
      this.fail(queue, batch, handle, toKafkaError(error));
    } finally {
      this.generations.release(handle);
    }
  }

  private fail(
    queue: PartitionQueue,
    batch: PendingRecord[],
    handle: ProducerHandle,
    error: KafkaError,
  ): void {
    if (error.kind === 'RECORD_TOO_LARGE' && batch.length > 1) {
      // Kafka refused the whole batch and wrote nothing: send its records one by one (the
      // Java producer splits such batches too), so only the oversized ones fail.
      queue.requeueSingly(batch);
      return;
    }
    if (error.kind === 'TOPIC_NOT_FOUND') {
      this.partitions.invalidate(queue.topic);
    }
    if (!isCleanRejection(error)) {
      this.generations.replace(handle);
    }
    for (const pending of batch) {
      pending.reject(error);
    }
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
    });
    const ready = this.options.idempotent
      ? producer.initIdempotentProducer({}).then(() => undefined)
      : Promise.resolve();
    // A failed init fails the first batch, which replaces this producer.
    ready.catch(() => undefined);
    return new ProducerHandle(producer, ready);
  }
}

function settle(
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
  for (let i = 0; i < batch.length; i++) {
    const pending = batch[i];
    pending.resolve({
      topic: queue.topic,
      partitionId: queue.partition,
      offset: first < 0 ? first : first + i,
      timestamp: pending.record.timestamp,
    });
  }
}

/** Kafka refused the batch as a whole and wrote nothing, so the sequence numbers still hold. */
const CLEAN_REJECTIONS = new Set<KafkaErrorKind>([
  'RECORD_TOO_LARGE',
  'AUTHORIZATION_FAILED',
  'AUTHENTICATION_FAILED',
  'INVALID_TOPIC',
  'TOPIC_NOT_FOUND',
  'BAD_REQUEST',
]);

function isCleanRejection(error: KafkaError): boolean {
  return CLEAN_REJECTIONS.has(error.kind);
}

function toMessage(pending: PendingRecord, partition: number): MessageToProduce {
  const { record } = pending;
  // Buffer keys are distinct Map keys even with equal bytes: duplicates and order survive.
  const headers = new Map<Buffer, Buffer>();
  for (const header of record.headers) {
    headers.set(Buffer.from(header.name, 'utf8'), header.value as Buffer);
  }
  return {
    topic: record.topic,
    partition,
    key: record.key ?? undefined,
    value: record.value as Buffer,
    headers,
    timestamp: BigInt(record.timestamp),
  };
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
