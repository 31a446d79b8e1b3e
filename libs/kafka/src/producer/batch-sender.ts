import type { Broker, ClusterMetadata } from '@platformatic/kafka';
import { setTimeout as delay } from 'node:timers/promises';
import { partitionKey } from './produce-outcomes';
import { EncodedPartitionBatch, produceEncodedBatches } from './produce-api';
import type { ProducerHandle } from './producer-generations';
import type { OutgoingRecord, RecordProducerOptions } from './producer.types';
import { encodeRecordBatch } from './record-batch';

/** The records of one topic-partition that go in one produce request. */
export interface PartitionRecords {
  topic: string;
  partition: number;
  records: OutgoingRecord[];
}

export interface BatchSenderOptions extends Pick<
  RecordProducerOptions,
  'acks' | 'retries' | 'retryDelayMs'
> {
  requestTimeoutMs: number;
}

/** A send that failed for some partitions; `produced` holds the ones Kafka stored. */
export class PartialSendError extends Error {
  constructor(
    readonly errors: unknown[],
    readonly produced: { offsets: { topic: string; partition: number; offset: bigint }[] },
  ) {
    super('Producing records failed for some partitions.');
  }
}

interface GenericErrorShape {
  findBy?: (property: string, value: unknown) => unknown;
}

/**
 * Sends batches through a producer's connections with record batches encoded by
 * record-batch.ts: one Produce request per partition leader, each stamped with the idempotent
 * producer's id and next sequence numbers. Retriable failures (lost connection, leader moved)
 * resend the same bytes, sequence numbers included, to the partition's current leader, so Kafka
 * drops a copy it already stored. Resolves with the base offset of every partition, or rejects
 * with what Kafka said (produce-outcomes.ts reads it).
 */
export class BatchSender {
  constructor(private readonly options: BatchSenderOptions) {}

  async send(handle: ProducerHandle, batches: PartitionRecords[]): Promise<Map<string, bigint>> {
    const encoded = batches.map((b) => ({
      topic: b.topic,
      partition: b.partition,
      batch: encodeRecordBatch(b.records, handle.stamp(partitionKey(b.topic, b.partition))),
    }));
    const offsets = new Map<string, bigint>();
    const failures: unknown[] = [];
    await this.attempt(handle, encoded, 0, offsets, failures);
    for (const b of batches) {
      const key = partitionKey(b.topic, b.partition);
      if (offsets.has(key)) {
        handle.advance(key, b.records.length);
      }
    }
    if (failures.length === 1 && offsets.size === 0) {
      throw failures[0];
    }
    if (failures.length > 0) {
      throw new PartialSendError(failures, {
        offsets: batches
          .filter((b) => offsets.has(partitionKey(b.topic, b.partition)))
          .map((b) => ({
            topic: b.topic,
            partition: b.partition,
            offset: offsets.get(partitionKey(b.topic, b.partition)) as bigint,
          })),
      });
    }
    return offsets;
  }

  private async attempt(
    handle: ProducerHandle,
    batches: EncodedPartitionBatch[],
    attempt: number,
    offsets: Map<string, bigint>,
    failures: unknown[],
  ): Promise<void> {
    let metadata: ClusterMetadata;
    try {
      metadata = await handle.producer.metadata({
        topics: [...new Set(batches.map((b) => b.topic))],
        forceUpdate: attempt > 0,
      });
    } catch (error) {
      return this.retryOrFail(handle, batches, attempt, error, offsets, failures);
    }
    const byLeader = new Map<Broker, EncodedPartitionBatch[]>();
    const leaderless: EncodedPartitionBatch[] = [];
    for (const b of batches) {
      const leader = metadata.topics.get(b.topic)?.partitions[b.partition]?.leader;
      const broker = leader === undefined ? undefined : metadata.brokers.get(leader);
      if (broker === undefined) {
        leaderless.push(b);
        continue;
      }
      const list = byLeader.get(broker);
      if (list === undefined) {
        byLeader.set(broker, [b]);
      } else {
        list.push(b);
      }
    }
    const sends = [...byLeader].map(([broker, group]) =>
      this.sendToLeader(handle, broker, group, attempt, offsets, failures),
    );
    if (leaderless.length > 0) {
      const error = Object.assign(new Error('No leader known for the partition.'), {
        canRetry: true,
      });
      sends.push(this.retryOrFail(handle, leaderless, attempt, error, offsets, failures));
    }
    await Promise.all(sends);
  }

  private async sendToLeader(
    handle: ProducerHandle,
    broker: Broker,
    batches: EncodedPartitionBatch[],
    attempt: number,
    offsets: Map<string, bigint>,
    failures: unknown[],
  ): Promise<void> {
    const { acks, requestTimeoutMs } = this.options;
    try {
      const connection = await handle.producer.connections.get(broker);
      const response = await produceEncodedBatches.async(
        connection,
        acks,
        requestTimeoutMs,
        batches,
      );
      for (const topic of response?.responses ?? []) {
        for (const p of topic.partitionResponses) {
          offsets.set(partitionKey(topic.name, p.index), p.baseOffset);
        }
      }
      if (acks === 0) {
        // No response: Kafka assigns offsets the producer never learns.
        batches.forEach((b) => offsets.set(partitionKey(b.topic, b.partition), -1n));
      }
    } catch (error) {
      await this.retryOrFail(handle, batches, attempt, error, offsets, failures);
    }
  }

  private async retryOrFail(
    handle: ProducerHandle,
    batches: EncodedPartitionBatch[],
    attempt: number,
    error: unknown,
    offsets: Map<string, bigint>,
    failures: unknown[],
  ): Promise<void> {
    // Partitions the failed response stored stay stored; only the others are resent.
    const stored = storedPartitions(error);
    for (const [key, offset] of stored) {
      offsets.set(key, offset);
    }
    const rest = batches.filter((b) => !stored.has(partitionKey(b.topic, b.partition)));
    if (rest.length === 0) {
      return;
    }
    if (attempt >= this.options.retries || !isRetriable(error)) {
      failures.push(error);
      return;
    }
    await delay(this.options.retryDelayMs);
    await this.attempt(handle, rest, attempt + 1, offsets, failures);
  }
}

function isRetriable(error: unknown): boolean {
  const shape = error as (GenericErrorShape & { canRetry?: boolean }) | null;
  if (shape === null || typeof shape !== 'object') {
    return false;
  }
  if (typeof shape.findBy === 'function') {
    // @platformatic/kafka's errors: retriable unless one in the chain says it is not.
    return !shape.findBy('canRetry', false);
  }
  return shape.canRetry === true;
}

interface ResponseShape {
  response?: {
    responses?: {
      name: string;
      partitionResponses: { index: number; errorCode: number; baseOffset: bigint }[];
    }[];
  };
}

/** Partitions a failed Produce response reports as stored (error code 0). */
function storedPartitions(error: unknown): Map<string, bigint> {
  const stored = new Map<string, bigint>();
  for (const topic of (error as ResponseShape | null)?.response?.responses ?? []) {
    for (const p of topic.partitionResponses) {
      if (p.errorCode === 0) {
        stored.set(partitionKey(topic.name, p.index), p.baseOffset);
      }
    }
  }
  return stored;
}
