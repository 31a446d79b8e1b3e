import { Reader, Writer } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { parseFetchResponse } from './fetch-response';

const TOPIC_ID = '6d3d0fbd-86b4-4a51-9c5e-5c1e2cb7a6a1';

/** One partition of a Fetch v17 response body; `currentLeader` adds its KIP-951 tagged field. */
function partition(w: Writer, index: number, errorCode: number, currentLeader: boolean): void {
  w.appendInt32(index).appendInt16(errorCode).appendInt64(10n).appendInt64(10n).appendInt64(0n);
  // aborted_transactions: one entry, then its (empty) tagged fields.
  w.appendUnsignedVarInt(2).appendInt64(77n).appendInt64(4n).appendUnsignedVarInt(0);
  w.appendInt32(-1); // preferred_read_replica
  w.appendUnsignedVarInt(0); // records: null
  if (currentLeader) {
    w.appendUnsignedVarInt(1) // one tagged field
      .appendUnsignedVarInt(1) // tag 1: CurrentLeader
      .appendUnsignedVarInt(9) // leader_id, leader_epoch, its own empty tagged fields
      .appendInt32(2)
      .appendInt32(5)
      .appendUnsignedVarInt(0);
  } else {
    w.appendUnsignedVarInt(0);
  }
}

describe('parseFetchResponse', () => {
  it('reads every partition past a moved leader tagged field', () => {
    const w = Writer.create().appendInt32(0).appendInt16(0).appendInt32(0);
    w.appendUnsignedVarInt(2).appendUUID(TOPIC_ID).appendUnsignedVarInt(3);
    partition(w, 0, 6, true); // NOT_LEADER_OR_FOLLOWER with its CurrentLeader
    partition(w, 1, 0, false);
    w.appendUnsignedVarInt(0); // topic tagged fields
    w.appendUnsignedVarInt(0); // response tagged fields
    const response = parseFetchResponse(1, 1, 17, Reader.from(w));
    expect(response.responses).toEqual([
      {
        topicId: TOPIC_ID,
        partitions: [0, 1].map((index) => ({
          partitionIndex: index,
          errorCode: index === 0 ? 6 : 0,
          highWatermark: 10,
          logStartOffset: 0,
          abortedTransactions: [{ producerId: 77n, firstOffset: 4 }],
        })),
      },
    ]);
  });
});
