// eslint-disable-next-line no-restricted-imports -- tests read back what the gateway wrote
import { Admin, fetchV12 } from '@platformatic/kafka';

/** One record as Kafka stored it; headers keep their order, duplicates and null values. */
export interface StoredRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

export interface ReadOptions {
  partition?: number;
  fromOffset?: number;
  /** Stop once this many records were read (waits for them up to `timeoutMs`). */
  count: number;
  timeoutMs?: number;
}

/**
 * Reads a partition with raw Fetch requests (no consumer group, no client-side decoding of
 * headers into objects), so a test sees exactly what is in the log. Also reports how many
 * record batches held the records, which shows whether produce calls were coalesced.
 */
export async function readRecords(
  bootstrap: string,
  topic: string,
  options: ReadOptions,
): Promise<{ records: StoredRecord[]; batches: number }> {
  const partition = options.partition ?? 0;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const admin = new Admin({ clientId: 'test-reader', bootstrapBrokers: bootstrap.split(',') });
  const records: StoredRecord[] = [];
  let batches = 0;
  let offset = BigInt(options.fromOffset ?? 0);
  try {
    const connection = await admin.connections.getFirstAvailable(
      bootstrap.split(',').map((b) => ({
        host: b.slice(0, b.lastIndexOf(':')),
        port: Number(b.slice(b.lastIndexOf(':') + 1)),
      })),
    );
    while (records.length < options.count && Date.now() < deadline) {
      const response = await fetchV12.api.async(
        connection,
        200,
        1,
        50 * 1024 * 1024,
        0,
        0,
        -1,
        [
          {
            topicId: topic,
            partitions: [
              {
                partition,
                currentLeaderEpoch: -1,
                fetchOffset: offset,
                lastFetchedEpoch: -1,
                partitionMaxBytes: 50 * 1024 * 1024,
              },
            ],
          },
        ],
        [],
        '',
      );
      for (const batch of response.responses[0]?.partitions[0]?.records ?? []) {
        batches++;
        for (const r of batch.records) {
          const recordOffset = batch.firstOffset + BigInt(r.offsetDelta);
          if (recordOffset < offset) {
            continue;
          }
          records.push({
            partition,
            offset: Number(recordOffset),
            timestamp: Number(batch.firstTimestamp + r.timestampDelta),
            key: r.key,
            value: r.value,
            headers: r.headers.map(([k, v]) => [k?.toString('utf8') ?? '', v]),
          });
        }
        offset = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
      }
    }
  } finally {
    await admin.close();
  }
  return { records: records.slice(0, options.count), batches };
}
