import { ConsumedRecord } from '@gateway/kafka';
import { RecordFormat, toTypedData, TypedData } from '../shared/record-format';
import { PartitionRecordsData, RecordData } from './partition-records.dto';

export function toRecordData(record: ConsumedRecord, format: RecordFormat): RecordData {
  return {
    topic_name: record.topic,
    partition_id: record.partition,
    offset: record.offset,
    timestamp: isoInstant(record.timestamp),
    timestamp_type: record.timestampType,
    key: toTypedData(record.key, format),
    value: toTypedData(record.value, format),
    headers: record.headers.map((h) => ({
      name: h.name,
      value: h.value === null ? null : h.value.toString('base64'),
    })),
  };
}

/**
 * `JSON.stringify(toRecordData(record, format))`, written directly (the same text, key order
 * included): streams encode every record, and building the object only to serialize it costs
 * more than the text itself. Strings that may need escaping still go through JSON.stringify.
 */
export function recordDataJson(record: ConsumedRecord, format: RecordFormat): string {
  const headers =
    record.headers.length === 0
      ? '[]'
      : JSON.stringify(
          record.headers.map((h) => ({
            name: h.name,
            value: h.value === null ? null : h.value.toString('base64'),
          })),
        );
  return (
    `{"topic_name":${topicJson(record.topic)},"partition_id":${record.partition},` +
    `"offset":${record.offset},"timestamp":"${isoInstant(record.timestamp)}",` +
    `"timestamp_type":"${record.timestampType}","key":${bytesJson(record.key, format)},` +
    `"value":${bytesJson(record.value, format)},"headers":${headers}}`
  );
}

/** The JSON text of a page whose `data` (empty in `page`) holds these records' JSON texts. */
export function partitionRecordsJson(page: PartitionRecordsData, records: string[]): string {
  const envelope = JSON.stringify(page);
  // `data` is the last field: its `[]}` closes the text.
  return `${envelope.slice(0, -3)}[${records.join(',')}]}`;
}

/** typedJson(toTypedData(bytes, format)), without the intermediate object for binary. */
function bytesJson(bytes: Buffer | null, format: RecordFormat): string {
  if (bytes === null) {
    return 'null';
  }
  if (format === 'binary') {
    return `{"type":"BINARY","data":"${bytes.toString('base64')}"}`;
  }
  return typedJson(toTypedData(bytes, format));
}

function typedJson(data: TypedData | null): string {
  if (data === null) {
    return 'null';
  }
  switch (data.type) {
    case 'BINARY':
      // Base64 never needs escaping.
      return `{"type":"BINARY","data":"${data.data}"}`;
    case 'STRING':
    case 'JSON':
      return `{"type":"${data.type}","data":${JSON.stringify(data.data)}}`;
    case 'AVRO':
    case 'JSONSCHEMA':
    case 'PROTOBUF':
      return JSON.stringify(data);
  }
}

let lastTopic = '';
let lastTopicJson = '""';

function topicJson(topic: string): string {
  if (topic !== lastTopic) {
    lastTopic = topic;
    lastTopicJson = JSON.stringify(topic);
  }
  return lastTopicJson;
}

let lastEpochMs = NaN;
let lastIso = '';

/** `new Date(ms).toISOString()`, remembered for the last value: a batch shares timestamps. */
function isoInstant(epochMs: number): string {
  if (epochMs !== lastEpochMs) {
    lastEpochMs = epochMs;
    lastIso = new Date(epochMs).toISOString();
  }
  return lastIso;
}
