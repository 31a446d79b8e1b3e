export interface RecordStreamQuery {
  from?: string;
  timestamp?: string;
  offsets?: string;
  group_id?: string;
  format?: string;
}

/** Records per poll and bytes per poll: what one stream holds in memory at most. */
export const STREAM_MAX_RECORDS = 5_000;
export const STREAM_MAX_BYTES = 2 * 1024 * 1024;
