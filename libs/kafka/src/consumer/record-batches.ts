import { ConsumedRecord } from './consumer.types';

// The protocol's record batch, as @platformatic/kafka parses it (kept structural on purpose).
export interface FetchedBatch {
  firstOffset: bigint;
  lastOffsetDelta: number;
  attributes: number;
  firstTimestamp: bigint;
  maxTimestamp: bigint;
  records: {
    offsetDelta: number;
    timestampDelta: bigint;
    key: Buffer | null;
    value: Buffer | null;
    headers: [Buffer | null, Buffer | null][];
  }[];
}

// Batch attribute bits (KIP-98 / KIP-32).
const LOG_APPEND_TIME = 0x08;
const CONTROL_BATCH = 0x20;

/**
 * The records of fetched batches at or after `fromOffset`: a fetch returns whole batches, so
 * the first one may start before the requested offset, and control batches (transaction
 * markers) hold no user records.
 */
export function decodeBatches(
  topic: string,
  partition: number,
  batches: FetchedBatch[] | undefined,
  fromOffset: number,
): ConsumedRecord[] {
  const records: ConsumedRecord[] = [];
  for (const batch of batches ?? []) {
    if ((batch.attributes & CONTROL_BATCH) !== 0) {
      continue;
    }
    const logAppend = (batch.attributes & LOG_APPEND_TIME) !== 0;
    for (const record of batch.records) {
      const offset = Number(batch.firstOffset) + record.offsetDelta;
      if (offset < fromOffset) {
        continue;
      }
      records.push({
        topic,
        partition,
        offset,
        timestamp: Number(
          logAppend ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta,
        ),
        timestampType: logAppend ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
        key: record.key,
        value: record.value,
        headers: record.headers.map(([name, value]) => ({
          name: name?.toString('utf8') ?? '',
          value,
        })),
      });
    }
  }
  return records;
}

/** The offset after the last record of the fetched batches (control batches included). */
export function endOfBatches(batches: FetchedBatch[] | undefined): number | undefined {
  const last = batches?.[batches.length - 1];
  if (last === undefined) {
    return undefined;
  }
  return Number(last.firstOffset) + last.lastOffsetDelta + 1;
}

/** Approximate size of a record, as Confluent counts it for max_bytes: key + value bytes. */
export function recordSize(record: ConsumedRecord): number {
  return (record.key?.length ?? 0) + (record.value?.length ?? 0);
}
