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
