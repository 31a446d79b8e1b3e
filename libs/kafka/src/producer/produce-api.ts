import { createAPI, Reader, ResponseError, Writer } from '@platformatic/kafka';
import { compactArray, skipTaggedFields } from '../tagged-fields';

/** One partition's part of a produce request: an already encoded record batch. */
export interface EncodedPartitionBatch {
  topic: string;
  partition: number;
  batch: Buffer;
}

/** A record of a refused batch that Kafka names as the cause (KIP-467). */
export interface RecordError {
  batchIndex: number;
  message: string | null;
}

/** What Kafka answered for one partition. */
export interface ProducePartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: bigint;
  errorMessage: string | null;
  recordErrors: RecordError[];
}

export interface ProduceResponse {
  responses: { name: string; partitionResponses: ProducePartitionResponse[] }[];
}

/**
 * Produce v11 (flexible versions) with record batches we encoded ourselves (record-batch.ts).
 */
function createRequest(acks: number, timeoutMs: number, batches: EncodedPartitionBatch[]): Writer {
  const byTopic = new Map<string, EncodedPartitionBatch[]>();
  for (const b of batches) {
    const list = byTopic.get(b.topic);
    if (list === undefined) {
      byTopic.set(b.topic, [b]);
    } else {
      list.push(b);
    }
  }
  const writer = Writer.create()
    .appendString(null) // transactional_id
    .appendInt16(acks)
    .appendInt32(timeoutMs)
    .appendArray([...byTopic], (w, [topic, partitions]) => {
      w.appendString(topic).appendArray(partitions, (pw, p) => {
        pw.appendInt32(p.partition)
          .appendUnsignedVarInt(p.batch.length + 1)
          .append(p.batch);
      });
    })
    .appendTaggedFields();
  // acks=0: Kafka sends no response, so the connection must not wait for one.
  writer.context.noResponse = acks === 0;
  return writer;
}

/**
 * The v11 response, read through tagged-fields.ts: a refused partition carries its current
 * leader in a tagged field, which @platformatic/kafka's own parser misreads ("Out of bounds" on
 * the first produce to a new topic). Errors are raised as its ResponseError, the shape
 * produce-outcomes.ts and the retry decision read.
 */
export function parseProduceResponse(
  _correlationId: number,
  apiKey: number,
  apiVersion: number,
  reader: Reader,
): ProduceResponse {
  const errors: Record<string, [number, string | null]> = {};
  const responses = compactArray(reader, (r, i) => {
    const name = r.readString();
    const partitionResponses = compactArray(r, (p, j) => {
      const partition: ProducePartitionResponse = {
        index: p.readInt32(),
        errorCode: p.readInt16(),
        baseOffset: p.readInt64(),
        errorMessage: null,
        recordErrors: [],
      };
      p.readInt64(); // log_append_time_ms
      p.readInt64(); // log_start_offset
      partition.recordErrors = compactArray(p, (e) => ({
        batchIndex: e.readInt32(),
        message: e.readNullableString(),
      }));
      partition.errorMessage = p.readNullableString();
      if (partition.errorCode !== 0) {
        errors[`/responses/${i}/partition_responses/${j}`] = [
          partition.errorCode,
          partition.errorMessage,
        ];
      }
      return partition;
    });
    return { name, partitionResponses };
  });
  reader.readInt32(); // throttle_time_ms
  skipTaggedFields(reader);
  const response = { responses };
  if (Object.keys(errors).length > 0) {
    throw new ResponseError(apiKey, apiVersion, errors, response);
  }
  return response;
}

export const produceEncodedBatches = createAPI<
  [acks: number, timeoutMs: number, batches: EncodedPartitionBatch[]],
  ProduceResponse
>(0, 11, createRequest, parseProduceResponse);
