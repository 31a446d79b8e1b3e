import { RestError } from '@gateway/rest';
import { stringifyJsonExact, stringifyJsonMember } from '@gateway/schema-registry';
import { isGuavaBase64 } from './base64';
import { ProduceRequestData, RecordSerializer, SerializedData } from './record-serializer';

// BINARY, JSON and STRING take no schema field: parseProduceRequest refuses one with
// kafka-rest's own check (ProduceRequestData.build()) before any serializer runs.

function describe(data: unknown): string {
  return typeof data === 'string' ? data : stringifyJsonExact(data);
}

export class BinarySerializer implements RecordSerializer {
  readonly type = 'BINARY';

  serialize(request: ProduceRequestData): SerializedData {
    const { data } = request;
    if (data === undefined || data === null) {
      return { bytes: null, type: this.type };
    }
    // kafka-rest's two answers: data that is not text, then text Guava cannot decode (quoted,
    // as a JsonNode prints).
    if (typeof data !== 'string') {
      throw RestError.badRequest(`Bad Request: data=${describe(data)} is not a base64 string.`);
    }
    if (!isGuavaBase64(data)) {
      throw RestError.badRequest(
        `Bad Request: data=${stringifyJsonExact(data)} is not a valid base64 string.`,
      );
    }
    return { bytes: Buffer.from(data, 'base64'), type: this.type };
  }
}

export class JsonSerializer implements RecordSerializer {
  readonly type = 'JSON';

  serialize(request: ProduceRequestData): SerializedData {
    const { data } = request;
    if (data === undefined || data === null) {
      return { bytes: null, type: this.type };
    }
    // As Jackson writes a JsonNode: integers beyond 2^53 keep every digit, 1.0 stays 1.0.
    return { bytes: Buffer.from(stringifyJsonMember(request, 'data'), 'utf8'), type: this.type };
  }
}

export class StringSerializer implements RecordSerializer {
  readonly type = 'STRING';

  serialize(request: ProduceRequestData): SerializedData {
    const { data } = request;
    if (data === undefined || data === null) {
      return { bytes: null, type: this.type };
    }
    if (typeof data !== 'string') {
      throw RestError.badRequest(`Bad Request: data=${describe(data)} is not a string.`);
    }
    return { bytes: Buffer.from(data, 'utf8'), type: this.type };
  }
}
