export interface RecordStreamQuery {
  from?: string;
  timestamp?: string;
  offsets?: string;
  group_id?: string;
  format?: string;
}
