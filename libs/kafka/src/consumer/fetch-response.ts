import {
  createAPI,
  fetchV13,
  fetchV14,
  fetchV15,
  fetchV16,
  fetchV17,
  type Reader,
  ResponseError,
} from '@platformatic/kafka';
import { KafkaError } from '../kafka-errors';
import { compactArray } from '../tagged-fields';

/** One partition of a fetch response; `records` are the raw record batch bytes. */
export interface RawFetchPartition {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  /** READ_COMMITTED: transactions aborted in the fetched range (to be dropped by the reader). */
  abortedTransactions: AbortedTransaction[];
  records?: Buffer;
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: number;
}

export interface RawFetchResponse {
  responses: { topicId: string; partitions: RawFetchPartition[] }[];
}

/** The request arguments of Fetch v13-v17 (@platformatic/kafka's createRequest). */
export type FetchRequest = Parameters<typeof fetchV17.createRequest>;

export type FetchApi = ReturnType<typeof createAPI<FetchRequest, RawFetchResponse>>;

// Fetch v13 (Kafka 3.1) to v17 answer the same layout; v13 is the first with topic ids.
const REQUESTS = new Map([
  [13, fetchV13.createRequest],
  [14, fetchV14.createRequest],
  [15, fetchV15.createRequest],
  [16, fetchV16.createRequest],
  [17, fetchV17.createRequest],
]);
const FETCH_API_KEY = 1;

/**
 * The Fetch API at the highest version both sides speak, answering record bytes as they came:
 * @platformatic/kafka's own parser builds several objects, tuples and BigInts per record,
 * which was most of the consume path's CPU; decodeRecordBatches reads the bytes directly.
 */
export function fetchApiFor(brokerApis: { name: string; maxVersion: number }[]): FetchApi {
  const supported = brokerApis.find((a) => a.name === 'Fetch')?.maxVersion ?? -1;
  const version = Math.min(supported, 17);
  const createRequest = REQUESTS.get(version);
  if (createRequest === undefined) {
    throw new KafkaError(
      'UNKNOWN',
      `Kafka supports Fetch up to v${supported}; v13 is needed.`,
      false,
    );
  }
  return createAPI<FetchRequest, RawFetchResponse>(
    FETCH_API_KEY,
    version,
    createRequest,
    parseFetchResponse,
  );
}

/**
 * Partition errors stay in the answer (the caller acts on them); a request error throws. Read
 * through tagged-fields.ts: a partition whose leader moved carries CurrentLeader in a tagged field.
 */
export function parseFetchResponse(
  _correlationId: number,
  apiKey: number,
  apiVersion: number,
  reader: Reader,
): RawFetchResponse {
  reader.readInt32(); // throttle_time_ms
  const errorCode = reader.readInt16();
  reader.readInt32(); // session_id
  const response: RawFetchResponse = {
    responses: compactArray(reader, (r) => ({
      topicId: r.readUUID(),
      partitions: compactArray(r, (p) => readPartition(p)),
    })),
  };
  if (errorCode !== 0) {
    throw new ResponseError(apiKey, apiVersion, { '': [errorCode, null] }, response);
  }
  return response;
}

function readPartition(r: Reader): RawFetchPartition {
  const partition: RawFetchPartition = {
    partitionIndex: r.readInt32(),
    errorCode: r.readInt16(),
    highWatermark: Number(r.readInt64()),
    logStartOffset: 0,
    abortedTransactions: [],
  };
  r.readInt64(); // last_stable_offset
  partition.logStartOffset = Number(r.readInt64());
  partition.abortedTransactions = compactArray(r, (t) => ({
    producerId: t.readInt64(),
    firstOffset: Number(t.readInt64()),
  }));
  r.readInt32(); // preferred_read_replica
  // COMPACT_RECORDS: the length plus one.
  const size = r.readUnsignedVarInt() - 1;
  if (size > 0) {
    // One contiguous buffer (a view when the bytes arrived in one socket chunk).
    partition.records = r.buffer.slice(r.position, r.position + size);
    r.skip(size);
  }
  return partition;
}
