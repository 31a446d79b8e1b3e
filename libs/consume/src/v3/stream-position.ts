/**
 * The SSE event id of a record stream: the next offset of every partition after the event,
 * as `partition:offset` pairs (`0:42,1:17`). A reconnect sends it back as Last-Event-ID and
 * resumes exactly after the last delivered record, on any replica: the id is the whole state.
 */
export function encodePositions(positions: Map<number, number>): string {
  return [...positions]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

/** Parses `partition:offset` pairs (event ids and the `offsets` query); undefined if malformed. */
export function decodePositions(text: string): Map<number, number> | undefined {
  const positions = new Map<number, number>();
  for (const pair of text.split(',')) {
    const match = /^\s*(\d+):(\d+)\s*$/.exec(pair);
    if (match === null) {
      return undefined;
    }
    positions.set(Number(match[1]), Number(match[2]));
  }
  return positions.size > 0 ? positions : undefined;
}
