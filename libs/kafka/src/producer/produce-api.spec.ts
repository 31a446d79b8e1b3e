import { Reader, ResponseError, Writer } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { parseProduceResponse } from './produce-api';

/** A Produce v11 response body: one topic, partition 0 stored, partition 1 refused. */
function responseBytes(): Writer {
  const w = Writer.create()
    .appendUnsignedVarInt(2) // responses: 1 topic
    .appendString('orders')
    .appendUnsignedVarInt(3); // partition_responses: 2
  // Partition 0: stored at offset 5, no tagged fields.
  w.appendInt32(0).appendInt16(0).appendInt64(5n).appendInt64(-1n).appendInt64(0n);
  w.appendUnsignedVarInt(1).appendUnsignedVarInt(0); // no record_errors, null error_message
  w.appendUnsignedVarInt(0); // tagged fields
  // Partition 1: NOT_LEADER_OR_FOLLOWER (6) with its CurrentLeader tagged field (KIP-951).
  w.appendInt32(1).appendInt16(6).appendInt64(-1n).appendInt64(-1n).appendInt64(-1n);
  // record_errors (KIP-467): record 2 of the batch named, with its own tagged fields.
  w.appendUnsignedVarInt(2).appendInt32(2).appendString('no key').appendUnsignedVarInt(0);
  w.appendString('not the leader');
  w.appendUnsignedVarInt(1) // one tagged field
    .appendUnsignedVarInt(0) // tag 0: CurrentLeader
    .appendUnsignedVarInt(9) // leader_id, leader_epoch, its own empty tagged fields
    .appendInt32(2)
    .appendInt32(7)
    .appendUnsignedVarInt(0);
  w.appendUnsignedVarInt(0); // topic tagged fields
  w.appendInt32(0); // throttle_time_ms
  // Top-level NodeEndpoints (tag 0), as a broker sends next to a refused partition.
  w.appendUnsignedVarInt(1).appendUnsignedVarInt(0).appendUnsignedVarInt(3);
  w.appendInt8(1).appendInt8(2).appendInt8(3);
  return w;
}

describe('parseProduceResponse', () => {
  it('reads stored and refused partitions past tagged fields, with record errors, raising the refusal', () => {
    let thrown: unknown;
    try {
      parseProduceResponse(1, 0, 11, Reader.from(responseBytes()));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResponseError);
    const error = thrown as ResponseError & { response: unknown };
    expect(error.response).toEqual({
      responses: [
        {
          name: 'orders',
          partitionResponses: [
            { index: 0, errorCode: 0, baseOffset: 5n, errorMessage: null, recordErrors: [] },
            {
              index: 1,
              errorCode: 6,
              baseOffset: -1n,
              errorMessage: 'not the leader',
              recordErrors: [{ batchIndex: 2, message: 'no key' }],
            },
          ],
        },
      ],
    });
    // NOT_LEADER_OR_FOLLOWER is retriable: the sender resends to the new leader.
    expect(error.findBy('canRetry', false)).toBeFalsy();
  });
});
