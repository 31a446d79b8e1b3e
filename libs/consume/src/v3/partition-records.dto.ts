import { TypedData } from '../shared/record-format';

export interface RecordHeaderData {
  name: string;
  /** Base64 of the header bytes; null for a null header value. */
  value: string | null;
}

/** One consumed record (openapi/gateway-consume.yaml `RecordData`). */
export interface RecordData {
  topic_name: string;
  partition_id: number;
  offset: number;
  timestamp: string;
  timestamp_type: 'CREATE_TIME' | 'LOG_APPEND_TIME';
  key: TypedData | null;
  value: TypedData | null;
  headers: RecordHeaderData[];
}

/** A stateless read of one partition (`PartitionRecordsData`). */
export interface PartitionRecordsData {
  kind: 'KafkaPartitionRecords';
  metadata: { self: string; next: string };
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  earliest_offset: number;
  latest_offset: number;
  next_offset: number;
  data: RecordData[];
}

export interface PartitionRecordsQuery {
  offset?: string;
  timestamp?: string;
  max_records?: string;
  max_bytes?: string;
  timeout_ms?: string;
  format?: string;
}

export const DEFAULT_MAX_RECORDS = 500;
export const MAX_MAX_RECORDS = 10_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const MAX_TIMEOUT_MS = 30_000;
