import { ConsumedRecord } from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import { parseJson } from '../shared/record-format';
import { V2RecordData } from './consumers.dto';
import { EmbeddedFormat } from './v2-media';

/** binary: base64; json: the JSON itself (bytes that are not JSON fail the read, as upstream). */
export function toV2Record(record: ConsumedRecord, format: EmbeddedFormat): V2RecordData {
  return {
    topic: record.topic,
    key: embed(record, record.key, format, 'key'),
    value: embed(record, record.value, format, 'value'),
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    headers: record.headers.map((h) => ({
      name: h.name,
      value: h.value === null ? null : h.value.toString('base64'),
    })),
  };
}

/**
 * `JSON.stringify(records.map((r) => toV2Record(r, format)))`, with binary records written
 * directly (the same text, key order included): a poll returns tens of thousands of records,
 * and building an object per record only to serialize it cost more than the text itself.
 */
export function v2RecordsJson(records: ConsumedRecord[], format: EmbeddedFormat): string {
  if (format !== 'binary') {
    return JSON.stringify(records.map((r) => toV2Record(r, format)));
  }
  const texts = new Array<string>(records.length);
  for (let i = 0; i < records.length; i++) {
    texts[i] = binaryRecordJson(records[i]);
  }
  return `[${texts.join(',')}]`;
}

function binaryRecordJson(record: ConsumedRecord): string {
  const headers =
    record.headers.length === 0
      ? '[]'
      : JSON.stringify(
          record.headers.map((h) => ({
            name: h.name,
            value: h.value === null ? null : h.value.toString('base64'),
          })),
        );
  // Base64 never needs escaping; the topic name may.
  return (
    `{"topic":${topicJson(record.topic)},"key":${base64Json(record.key)},` +
    `"value":${base64Json(record.value)},"partition":${record.partition},` +
    `"offset":${record.offset},"timestamp":${record.timestamp},"headers":${headers}}`
  );
}

function base64Json(bytes: Buffer | null): string {
  return bytes === null ? 'null' : `"${bytes.toString('base64')}"`;
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

function embed(
  record: ConsumedRecord,
  bytes: Buffer | null,
  format: EmbeddedFormat,
  what: string,
): unknown {
  if (bytes === null) {
    return null;
  }
  if (format === 'binary') {
    return bytes.toString('base64');
  }
  const parsed = parseJson(bytes);
  if (!parsed.ok) {
    throw new RestError(
      'KAFKA_ERROR',
      `Kafka error: Error deserializing ${what} of ${record.topic}-${record.partition} at offset ${record.offset}: not JSON`,
    );
  }
  return parsed.value;
}
