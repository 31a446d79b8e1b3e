import type { WithLogCode } from '@gateway/rest';

/** `ProduceResponseData`: what was written for a key or a value. */
export interface ProduceResponseData {
  type: string;
  subject?: string;
  schema_id?: number;
  schema_version?: number;
  size: number;
}

/** `ProduceResponse`: one receipt; on error only `error_code` and `message`. */
export interface ProduceResponse extends WithLogCode {
  error_code: number;
  message?: string;
  cluster_id?: string;
  topic_name?: string;
  partition_id?: number;
  offset?: number;
  timestamp?: string;
  key?: ProduceResponseData;
  value?: ProduceResponseData;
}

let lastEpochMs = NaN;
let lastInstant = '';

/**
 * Epoch ms as Jackson writes an Instant (ISO_INSTANT: no fraction when it is zero). The last
 * answer is remembered: the receipts of one batch mostly share their millisecond.
 */
export function toInstant(epochMs: number): string {
  if (epochMs !== lastEpochMs) {
    lastInstant = new Date(epochMs).toISOString().replace('.000Z', 'Z');
    lastEpochMs = epochMs;
  }
  return lastInstant;
}
