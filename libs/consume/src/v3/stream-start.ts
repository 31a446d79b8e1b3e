import { PollConsumer } from '@gateway/kafka';
import { ConsumeErrors } from '../shared/consume-errors';
import { timestampParam } from '../shared/query-params';
import { RecordStreamQuery } from './record-stream.dto';
import { decodePositions } from './stream-position';

export type StartFrom = 'earliest' | 'latest';

/** Where a stream without a group starts; checked before the stream opens (400 on errors). */
export type StreamStart =
  | { kind: 'positions'; positions: Map<number, number>; others: StartFrom }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'from'; from: StartFrom };

export function parseFrom(value: string | undefined): StartFrom {
  const from = (value ?? 'latest').toLowerCase();
  if (from !== 'earliest' && from !== 'latest') {
    throw ConsumeErrors.badRequest(
      `Invalid value for 'from': ${value}. Expected earliest or latest.`,
    );
  }
  return from;
}

/** Last-Event-ID wins (a reconnect), then `offsets`, then `timestamp`, then `from`. */
export function parseStart(query: RecordStreamQuery, lastEventId: string | undefined): StreamStart {
  const from = parseFrom(query.from);
  if (lastEventId !== undefined && lastEventId !== '') {
    const positions = decodePositions(lastEventId);
    if (positions === undefined) {
      throw ConsumeErrors.badRequest(`Invalid Last-Event-ID: ${lastEventId}`);
    }
    // Partitions missing from the id were added after it was written: read them whole.
    return { kind: 'positions', positions, others: 'earliest' };
  }
  if (query.offsets !== undefined && query.offsets !== '') {
    const positions = decodePositions(query.offsets);
    if (positions === undefined) {
      throw ConsumeErrors.badRequest(
        `Invalid value for 'offsets': ${query.offsets}. Expected partition:offset pairs separated by commas.`,
      );
    }
    return { kind: 'positions', positions, others: from };
  }
  const timestamp = timestampParam('timestamp', query.timestamp);
  return timestamp !== undefined ? { kind: 'timestamp', timestamp } : { kind: 'from', from };
}

/** Assigns every partition and seeks each to its start. */
export async function seekToStart(
  consumer: PollConsumer,
  topic: string,
  partitions: number[],
  start: StreamStart,
): Promise<void> {
  const all = partitions.map((partition) => ({ topic, partition }));
  await consumer.assign(all);
  switch (start.kind) {
    case 'timestamp':
      await consumer.seekToTimestamp(all.map((p) => ({ ...p, timestamp: start.timestamp })));
      return;
    case 'from':
      await seekAll(consumer, all, start.from);
      return;
    case 'positions': {
      const known = all.filter((p) => start.positions.has(p.partition));
      const unknown = all.filter((p) => !start.positions.has(p.partition));
      await consumer.seek(known.map((p) => ({ ...p, offset: start.positions.get(p.partition)! })));
      await seekAll(consumer, unknown, start.others);
      return;
    }
  }
}

async function seekAll(
  consumer: PollConsumer,
  partitions: { topic: string; partition: number }[],
  from: StartFrom,
): Promise<void> {
  if (partitions.length > 0) {
    await (from === 'earliest'
      ? consumer.seekToBeginning(partitions)
      : consumer.seekToEnd(partitions));
  }
}
