import { ConsumedRecord } from '@gateway/kafka';
import { RecordFormat, toTypedData } from '../shared/record-format';
import { RecordData } from './partition-records.dto';

export function toRecordData(record: ConsumedRecord, format: RecordFormat): RecordData {
  return {
    topic_name: record.topic,
    partition_id: record.partition,
    offset: record.offset,
    timestamp: new Date(record.timestamp).toISOString(),
    timestamp_type: record.timestampType,
    key: toTypedData(record.key, format),
    value: toTypedData(record.value, format),
    headers: record.headers.map((h) => ({
      name: h.name,
      value: h.value === null ? null : h.value.toString('base64'),
    })),
  };
}
