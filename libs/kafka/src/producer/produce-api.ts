import { createAPI, Reader, ResponseError, Writer } from '@platformatic/kafka';

/** One partition's part of a produce request: an already encoded record batch. */
export interface EncodedPartitionBatch {
  topic: string;
  partition: number;
  batch: Buffer;
}

/** What Kafka answered for one partition. */
export interface ProducePartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: bigint;
  errorMessage: string | null;
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
 * The v11 response, read with tagged fields skipped as KIP-482 defines them (count, then tag and
 * size of each). A refused partition carries its current leader in one (KIP-951); the reader of
 * @platformatic/kafka 1.35 takes the count for a byte length, so it reads on misaligned and can
 * fail ("Out of bounds") on the first produce to a new topic. Errors are raised as its
 * ResponseError, the shape produce-outcomes.ts and the retry decision read.
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
      };
      p.readInt64(); // log_append_time_ms
      p.readInt64(); // log_start_offset
      compactArray(p, (e) => {
        e.readInt32(); // batch_index
        e.readNullableString(); // batch_index_error_message
      });
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

/** A compact array whose entries each end with their own tagged fields. */
function compactArray<T>(reader: Reader, entry: (r: Reader, index: number) => T): T[] {
  const length = reader.readUnsignedVarInt() - 1;
  const out: T[] = [];
  for (let i = 0; i < length; i++) {
    out.push(entry(reader, i));
    skipTaggedFields(reader);
  }
  return out;
}

function skipTaggedFields(reader: Reader): void {
  const count = reader.readUnsignedVarInt();
  for (let i = 0; i < count; i++) {
    reader.readUnsignedVarInt(); // tag
    reader.skip(reader.readUnsignedVarInt());
  }
}

export const produceEncodedBatches = createAPI<
  [acks: number, timeoutMs: number, batches: EncodedPartitionBatch[]],
  ProduceResponse
>(0, 11, createRequest, parseProduceResponse);
