import type { Reader } from '@platformatic/kafka';

/**
 * Reading flexible-version responses (KIP-482) whose entries may carry tagged fields. The reader
 * of @platformatic/kafka 1.35 takes a tagged-field count for a byte length, so an entry with a
 * tagged field (a refused partition's CurrentLeader, KIP-951) misaligns everything after it;
 * the parsers we own read through these instead.
 */

/** Skips tagged fields as KIP-482 lays them out: a count, then each tag, size and bytes. */
export function skipTaggedFields(reader: Reader): void {
  const count = reader.readUnsignedVarInt();
  for (let i = 0; i < count; i++) {
    reader.readUnsignedVarInt(); // tag
    reader.skip(reader.readUnsignedVarInt());
  }
}

/** A compact array whose entries each end with their own tagged fields; null reads as empty. */
export function compactArray<T>(reader: Reader, entry: (r: Reader, index: number) => T): T[] {
  const length = reader.readUnsignedVarInt() - 1;
  const out: T[] = [];
  for (let i = 0; i < length; i++) {
    out.push(entry(reader, i));
    skipTaggedFields(reader);
  }
  return out;
}
