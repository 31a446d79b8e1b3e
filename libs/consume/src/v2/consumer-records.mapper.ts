import { ConsumedRecord } from '@gateway/kafka';
import { markHolder, stringifyJsonExact } from '@gateway/schema-registry';
import { ConsumeErrors } from '../shared/consume-errors';
import { asciiPiece, JsonBytes } from '../shared/json-bytes';
import { parseJsonInto } from '../shared/record-format';
import { topicJsonBytes } from '../shared/topic-json';
import { V2RecordData } from './consumers.dto';
import { EmbeddedFormat } from './v2-media';

/**
 * binary: base64; json: the JSON itself (bytes that are not JSON fail the read, as upstream).
 * `metadata`: our `timestamp` and `headers`, beyond Confluent's fields.
 */
export function toV2Record(
  record: ConsumedRecord,
  format: EmbeddedFormat,
  metadata: boolean,
): V2RecordData {
  const out: V2RecordData = {
    topic: record.topic,
    key: null,
    value: null,
    partition: record.partition,
    offset: record.offset,
  };
  embed(out, 'key', record, format);
  embed(out, 'value', record, format);
  if (metadata) {
    out.timestamp = record.timestamp;
    out.headers = record.headers.map((h) => ({
      name: h.name,
      value: h.value === null ? null : h.value.toString('base64'),
    }));
  }
  return out;
}

/**
 * `JSON.stringify(records.map((r) => toV2Record(r, format)))`, binary records written directly
 * as bytes (the same bytes, key order included): a poll returns tens of thousands of records,
 * and building an object, then a string per record cost more than the bytes themselves.
 */
export function v2RecordsBody(
  records: ConsumedRecord[],
  format: EmbeddedFormat,
  metadata: boolean,
): string | Buffer {
  if (format !== 'binary') {
    const list = records.map((r) => toV2Record(r, format, metadata));
    list.forEach((r) => markHolder(list, r));
    return stringifyJsonExact(list);
  }
  let capacity = 1024;
  for (const r of records) {
    capacity += 160 + Math.ceil(((r.key?.length ?? 0) + (r.value?.length ?? 0)) * 1.34);
  }
  const out = new JsonBytes(capacity).ascii('[');
  for (let i = 0; i < records.length; i++) {
    if (i > 0) {
      out.ascii(',');
    }
    writeBinaryRecord(out, records[i], metadata);
  }
  return out.ascii(']').toBuffer();
}

function writeBinaryRecord(out: JsonBytes, record: ConsumedRecord, metadata: boolean): void {
  // Pre-encoded pieces and numbers written as digits: no string is built per record.
  out.bytes(TOPIC).bytes(topicJsonBytes(record.topic));
  if (record.key === null) {
    out.bytes(NULL_KEY);
  } else {
    out.bytes(KEY).base64(record.key).bytes(QUOTE);
  }
  if (record.value === null) {
    out.bytes(NULL_VALUE);
  } else {
    out.bytes(VALUE).base64(record.value).bytes(QUOTE);
  }
  out.bytes(PARTITION).int(record.partition).bytes(OFFSET).int(record.offset);
  if (!metadata) {
    out.ascii('}');
    return;
  }
  out.bytes(TIMESTAMP).int(record.timestamp);
  if (record.headers.length === 0) {
    out.bytes(NO_HEADERS_END);
  } else {
    const headers = record.headers.map((h) => ({
      name: h.name,
      value: h.value === null ? null : h.value.toString('base64'),
    }));
    out.ascii(',"headers":').text(JSON.stringify(headers)).ascii('}');
  }
}

const TOPIC = asciiPiece('{"topic":');
const NULL_KEY = asciiPiece(',"key":null');
const KEY = asciiPiece(',"key":"');
const NULL_VALUE = asciiPiece(',"value":null');
const VALUE = asciiPiece(',"value":"');
const QUOTE = asciiPiece('"');
const PARTITION = asciiPiece(',"partition":');
const OFFSET = asciiPiece(',"offset":');
const TIMESTAMP = asciiPiece(',"timestamp":');
const NO_HEADERS_END = asciiPiece(',"headers":[]}');

/** Sets `out[field]`; a json key or value keeps the Java text of its doubles (1.0). */
function embed(
  out: V2RecordData,
  field: 'key' | 'value',
  record: ConsumedRecord,
  format: EmbeddedFormat,
): void {
  const bytes = record[field];
  if (bytes === null) {
    return;
  }
  if (format === 'binary') {
    out[field] = bytes.toString('base64');
    return;
  }
  if (!parseJsonInto(out, field, bytes)) {
    // kafka-rest's JsonKafkaConsumerState throws a SerializationException (408/40801).
    throw ConsumeErrors.recordNotDeserializable(field, record, 'not JSON');
  }
  markHolder(out, out[field]);
}
