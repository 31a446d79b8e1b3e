import { ConsumedRecord } from '@gateway/kafka';
import { MAX_DATE_MS } from '@gateway/rest';
import { markMembers, stringifyJsonExact, stringifyJsonMember } from '@gateway/schema-registry';
import { asciiPiece, JsonBytes } from '../shared/json-bytes';
import { TypedPair } from '../shared/schema-decoder';
import { RecordFormat, toTypedData, TypedData } from '../shared/record-format';
import { topicJson, topicJsonBytes } from '../shared/topic-json';
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

/** A record whose key and value the registry decoded; floats keep the text Jackson writes. */
export function toSchemaRecordData(
  record: ConsumedRecord,
  format: RecordFormat,
  pair: TypedPair,
): RecordData {
  const data = { ...toRecordData(record, format), ...pair };
  markMembers(data);
  return data;
}

/**
 * `JSON.stringify(toRecordData(record, format))`, written directly (the same text, key order
 * included): streams encode every record, and building the object only to serialize it costs
 * more than the text itself. Strings that may need escaping still go through JSON.stringify.
 */
export function recordDataJson(record: ConsumedRecord, format: RecordFormat): string {
  return (
    `{"topic_name":${topicJson(record.topic)},"partition_id":${record.partition},` +
    `"offset":${record.offset},"timestamp":"${isoInstant(record.timestamp)}",` +
    `"timestamp_type":"${record.timestampType}","key":${bytesJson(record.key, format)},` +
    `"value":${bytesJson(record.value, format)},"headers":${headersJson(record)}}`
  );
}

/** recordDataJson as bytes into `out`; binary keys and values are base64-encoded in place. */
export function writeRecordData(
  out: JsonBytes,
  record: ConsumedRecord,
  format: RecordFormat,
): void {
  if (format !== 'binary') {
    out.text(recordDataJson(record, format));
    return;
  }
  // Pre-encoded pieces and numbers written as digits: no string is built per record.
  out
    .bytes(TOPIC_NAME)
    .bytes(topicJsonBytes(record.topic))
    .bytes(PARTITION_ID)
    .int(record.partition)
    .bytes(OFFSET)
    .int(record.offset)
    .bytes(TIMESTAMP)
    .bytes(isoInstantBytes(record.timestamp))
    .bytes(record.timestampType === 'CREATE_TIME' ? CREATE_TIME_KEY : LOG_APPEND_TIME_KEY);
  if (record.key === null) {
    out.bytes(NULL_VALUE);
  } else {
    out.bytes(BINARY_DATA).base64(record.key).bytes(BINARY_END_VALUE);
  }
  if (record.value === null) {
    out.bytes(NULL);
  } else {
    out.bytes(BINARY_DATA).base64(record.value).bytes(BINARY_END);
  }
  if (record.headers.length === 0) {
    out.bytes(NO_HEADERS_END);
  } else {
    out.ascii(`,"headers":${headersJson(record)}}`);
  }
}

const TOPIC_NAME = asciiPiece('{"topic_name":');
const PARTITION_ID = asciiPiece(',"partition_id":');
const OFFSET = asciiPiece(',"offset":');
const TIMESTAMP = asciiPiece(',"timestamp":"');
const CREATE_TIME_KEY = asciiPiece('","timestamp_type":"CREATE_TIME","key":');
const LOG_APPEND_TIME_KEY = asciiPiece('","timestamp_type":"LOG_APPEND_TIME","key":');
const NULL_VALUE = asciiPiece('null,"value":');
const NULL = asciiPiece('null');
const BINARY_DATA = asciiPiece('{"type":"BINARY","data":"');
const BINARY_END_VALUE = asciiPiece('"},"value":');
const BINARY_END = asciiPiece('"}');
const NO_HEADERS_END = asciiPiece(',"headers":[]}');

/**
 * The JSON text of a page whose `data` (empty in `page`) holds these records, as bytes:
 * `writeRecord` writes the i-th record's JSON.
 */
export function partitionRecordsBody(
  page: PartitionRecordsData,
  count: number,
  writeRecord: (out: JsonBytes, i: number) => void,
  capacity: number,
): Buffer {
  const out = new JsonBytes(capacity);
  // `data` is the last field: its `[]}` closes the text.
  out.text(JSON.stringify(page).slice(0, -3)).ascii('[');
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      out.ascii(',');
    }
    writeRecord(out, i);
  }
  return out.ascii(']}').toBuffer();
}

/** The JSON text of a page whose `data` (empty in `page`) holds these records' JSON texts. */
export function partitionRecordsJson(page: PartitionRecordsData, records: string[]): string {
  return partitionRecordsBody(
    page,
    records.length,
    (out, i) => out.text(records[i]),
    1024,
  ).toString('utf8');
}

/** Bytes a page or stream chunk of these records about takes (enough to rarely grow). */
export function bodyCapacity(records: ConsumedRecord[]): number {
  let bytes = 1024;
  for (const r of records) {
    bytes += 240 + Math.ceil(((r.key?.length ?? 0) + (r.value?.length ?? 0)) * 1.34);
  }
  return bytes;
}

function headersJson(record: ConsumedRecord): string {
  return record.headers.length === 0
    ? '[]'
    : JSON.stringify(
        record.headers.map((h) => ({
          name: h.name,
          value: h.value === null ? null : h.value.toString('base64'),
        })),
      );
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
      return `{"type":"${data.type}","data":${stringifyJsonMember(data, 'data')}}`;
    case 'AVRO':
    case 'JSONSCHEMA':
    case 'PROTOBUF':
      return stringifyJsonExact(data);
  }
}

let lastEpochMs = NaN;
let lastIso = '';
let lastIsoBytes = Buffer.alloc(0);

/** `new Date(ms).toISOString()`, remembered for the last value: a batch shares timestamps. */
function isoInstant(epochMs: number): string {
  if (epochMs !== lastEpochMs) {
    lastEpochMs = epochMs;
    lastIso = Math.abs(epochMs) <= MAX_DATE_MS ? new Date(epochMs).toISOString() : farIso(epochMs);
    lastIsoBytes = Buffer.from(lastIso, 'latin1');
  }
  return lastIso;
}

const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

/**
 * A Kafka timestamp (any int64, as other clients may write) beyond a Date's range (year
 * 275760): the Gregorian calendar repeats every 400 years, so the instant is formatted whole
 * cycles nearer and the cycles are added back to its year (toISOString's extended-year form).
 */
function farIso(epochMs: number): string {
  const cycles = Math.trunc(epochMs / GREGORIAN_CYCLE_MS);
  const near = new Date(epochMs - cycles * GREGORIAN_CYCLE_MS).toISOString();
  const [, sign, digits, rest] = /^([+-]?)(\d+)(-.*)$/.exec(near) ?? [];
  const year = (sign === '-' ? -1 : 1) * Number(digits) + cycles * 400;
  return `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}${rest}`;
}

/** isoInstant as ASCII bytes. */
function isoInstantBytes(epochMs: number): Buffer {
  isoInstant(epochMs);
  return lastIsoBytes;
}
