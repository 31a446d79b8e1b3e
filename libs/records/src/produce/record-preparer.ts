import { Injectable } from '@nestjs/common';
import { OutgoingRecord, OutgoingHeader } from '@gateway/kafka';
import { ProduceRequestData, SerializedData } from '../serialization/record-serializer';
import { RecordSerializers } from '../serialization/record-serializers';
import { ProduceRequest, ProduceRequestHeader } from './produce-request';

/** A record ready for the producer, with what the receipt must say about its key and value. */
export interface PreparedRecord {
  record: OutgoingRecord;
  /** Absent when the request had no key (or value): the receipt then omits it. */
  key?: SerializedData;
  value?: SerializedData;
}

/** Serializes a validated ProduceRequest into an OutgoingRecord. */
@Injectable()
export class RecordPreparer {
  constructor(private readonly serializers: RecordSerializers) {}

  prepare(topic: string, request: ProduceRequest): PreparedRecord | Promise<PreparedRecord> {
    const headers = (request.headers ?? []).map(toHeader);
    const timestamp = request.timestamp ?? Date.now();
    // The key first, then the value, as kafka-rest: a refused key registers no value schema.
    const key = this.serialize(request.key, topic, true);
    if (key instanceof Promise) {
      return key.then(async (k) =>
        build(
          topic,
          request,
          headers,
          timestamp,
          k,
          await this.serialize(request.value, topic, false),
        ),
      );
    }
    const value = this.serialize(request.value, topic, false);
    if (value instanceof Promise) {
      return value.then((v) => build(topic, request, headers, timestamp, key, v));
    }
    return build(topic, request, headers, timestamp, key, value);
  }

  private serialize(
    data: ProduceRequestData | null | undefined,
    topic: string,
    isKey: boolean,
  ): SerializedData | undefined | Promise<SerializedData> {
    if (data === undefined || data === null) {
      return undefined;
    }
    return this.serializers.serialize(data, { topic, isKey });
  }
}

function build(
  topic: string,
  request: ProduceRequest,
  headers: OutgoingHeader[],
  timestamp: number,
  key: SerializedData | undefined,
  value: SerializedData | undefined,
): PreparedRecord {
  const record: OutgoingRecord = {
    topic,
    key: key?.bytes ?? null,
    value: value?.bytes ?? null,
    headers,
    timestamp,
  };
  if (request.partition_id !== undefined && request.partition_id !== null) {
    record.partitionId = request.partition_id;
  }
  return { record, key, value };
}

function toHeader(header: ProduceRequestHeader): OutgoingHeader {
  return { name: header.name, value: header.value };
}
