import { createAPI, produceV11, Writer } from '@platformatic/kafka';

/** One partition's part of a produce request: an already encoded record batch. */
export interface EncodedPartitionBatch {
  topic: string;
  partition: number;
  batch: Buffer;
}

/**
 * Produce v11 (flexible versions) with record batches we encoded ourselves (record-batch.ts);
 * the response is parsed by @platformatic/kafka's own v11 parser, so its errors keep the shape
 * produce-outcomes.ts reads.
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

export const produceEncodedBatches = createAPI<
  [acks: number, timeoutMs: number, batches: EncodedPartitionBatch[]],
  produceV11.ProduceResponse
>(0, 11, createRequest, produceV11.parseResponse);
