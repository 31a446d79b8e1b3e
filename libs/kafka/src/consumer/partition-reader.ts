import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KafkaError, topicNotFound } from '../kafka-errors';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import { ConsumerClient } from './consumer-client';
import { ConsumedRecord, PartitionRead, PartitionReadOptions } from './consumer.types';
import { fetchRefusal } from './fetched-partition';
import { OffsetOutOfRangeError } from './offset-out-of-range.error';
import { recordSize } from './record-batches';

/** Stateless reads of one partition: no group, no instance, any replica can answer. */
export abstract class PartitionReader {
  abstract read(options: PartitionReadOptions): Promise<PartitionRead>;
}

// Idle clients kept for the next reads; each holds its own fetch connections, so a long poll
// never blocks another read.
const MAX_IDLE_CLIENTS = 8;
const RECORD_OVERHEAD_BYTES = 40;
// A fetch with this many records tells the average size well enough to replace the estimate.
const LEARN_FULL_SAMPLE = 500;

@Injectable()
export class KafkaPartitionReader extends PartitionReader implements OnModuleDestroy {
  private readonly idle: ConsumerClient[] = [];
  private bytesPerRecord = 1_024;

  constructor(@Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions) {
    super();
  }

  /**
   * A read whose `signal` aborts (its client left) closes its client at once, ending the fetch
   * Kafka may hold for up to timeout_ms, instead of keeping its connections until then.
   */
  async read(options: PartitionReadOptions): Promise<PartitionRead> {
    const client = this.idle.pop() ?? this.newClient();
    const abandon = (): void => void client.close().catch(() => undefined);
    options.signal?.addEventListener('abort', abandon, { once: true });
    if (options.signal?.aborted === true) {
      abandon();
    }
    try {
      return await this.readWith(client, options);
    } finally {
      options.signal?.removeEventListener('abort', abandon);
      if (options.signal?.aborted !== true) {
        this.release(client);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled(this.idle.splice(0).map((c) => c.close()));
  }

  private async readWith(client: ConsumerClient, o: PartitionReadOptions): Promise<PartitionRead> {
    const partitions = await client.partitionsOf(o.topic);
    if (!partitions.includes(o.partition)) {
      throw topicNotFound();
    }
    const tp = { topic: o.topic, partition: o.partition };
    const offset =
      'offset' in o.start
        ? o.start.offset
        : (await client.listOffsets([tp], { timestamp: o.start.timestamp }))[0].offset;
    const [fetched] = await client.fetch([{ ...tp, offset }], {
      maxWaitMs: o.timeoutMs,
      minBytes: 1,
      maxBytes: this.fetchSize(o.maxBytes, o.maxRecords),
    });
    if (fetched.error === 'OFFSET_OUT_OF_RANGE') {
      const [earliest] = await client.listOffsets([tp], 'earliest');
      const [latest] = await client.listOffsets([tp], 'latest');
      throw new OffsetOutOfRangeError(offset, earliest.offset, latest.offset);
    }
    if (fetched.error !== undefined) {
      const refusal = fetchRefusal(fetched);
      if (refusal !== undefined) {
        throw refusal;
      }
      client.clearMetadata();
      if (fetched.error === 'UNKNOWN_TOPIC_OR_PARTITION' || fetched.error === 'UNKNOWN_TOPIC_ID') {
        throw topicNotFound(); // deleted while the read waited: as if it had been before
      }
      throw new KafkaError('UNKNOWN', `Fetch failed: ${fetched.error}`, true);
    }
    this.learn(fetched.records);
    const records = limit(fetched.records, o.maxBytes, o.maxRecords);
    const last = records.at(-1);
    return {
      records,
      // max_records=0 takes nothing: the next read starts where this one did.
      nextOffset:
        records.length === fetched.records.length
          ? fetched.nextOffset
          : last === undefined
            ? offset
            : last.offset + 1,
      earliestOffset: fetched.logStartOffset,
      latestOffset: fetched.highWatermark,
    };
  }

  /**
   * Bytes to ask Kafka for: a stateless read cannot keep what it does not return, so with
   * max_records it asks for about that many records (learned average size), not max_bytes.
   */
  private fetchSize(maxBytes: number, maxRecords: number | undefined): number {
    if (maxRecords === undefined) {
      return maxBytes;
    }
    const wanted = Math.ceil(maxRecords * this.bytesPerRecord * 1.25);
    return Math.max(Math.min(maxBytes, wanted), Math.min(maxBytes, 64 * 1024));
  }

  /**
   * Learns the average record size from what a fetch returned. A big sample replaces the
   * estimate at once: everything fetched beyond max_records is decoded and thrown away, so a
   * slow estimate (from the 1 KiB guess down to 200-byte records) cost several times the
   * decoding work per read for many reads.
   */
  private learn(records: ConsumedRecord[]): void {
    if (records.length > 0) {
      const size = records.reduce((sum, r) => sum + recordSize(r), 0) / records.length;
      // Key and value plus the record and batch framing Kafka adds around them.
      const observed = size + RECORD_OVERHEAD_BYTES;
      const weight = Math.min(1, records.length / LEARN_FULL_SAMPLE);
      this.bytesPerRecord = (1 - weight) * this.bytesPerRecord + weight * observed;
    }
  }

  private newClient(): ConsumerClient {
    return new ConsumerClient(
      this.options,
      `${this.options.clientId}-reader`,
      `${this.options.clientId}-reader-${randomUUID()}`,
    );
  }

  private release(client: ConsumerClient): void {
    if (this.idle.length < MAX_IDLE_CLIENTS) {
      this.idle.push(client);
    } else {
      void client.close();
    }
  }
}

/** At least one record, then as many as fit in maxBytes and maxRecords. */
function limit(
  records: ConsumedRecord[],
  maxBytes: number,
  maxRecords = Infinity,
): ConsumedRecord[] {
  let bytes = 0;
  let count = 0;
  for (const record of records) {
    const size = recordSize(record);
    if (count >= maxRecords || (count > 0 && bytes + size > maxBytes)) {
      break;
    }
    bytes += size;
    count += 1;
  }
  return records.slice(0, count);
}
