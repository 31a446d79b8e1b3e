import { RestError } from '@gateway/rest';
import { ConsumeErrors } from '../shared/consume-errors';
import { negotiateMediaType, ProducedType } from '../shared/media-negotiation';

export const KAFKA_V2_JSON = 'application/vnd.kafka.v2+json';

/** v2 embedded formats; avro, jsonschema and protobuf are decoded through Schema Registry. */
export type EmbeddedFormat = 'binary' | 'json' | 'avro' | 'jsonschema' | 'protobuf';
const EMBEDDED_FORMATS: readonly string[] = ['binary', 'json', 'avro', 'jsonschema', 'protobuf'];

export function recordsMediaType(format: EmbeddedFormat): string {
  return `application/vnd.kafka.${format}.v2+json`;
}

/** What a GET records answers: the reader it asked for and the Content-Type of the answer. */
export interface RecordsNegotiation {
  format: EmbeddedFormat;
  mediaType: string;
}

// The @Produces of kafka-rest's GET records methods (ConsumersResource, Versions): binary is the
// default (qs 1), vnd.kafka.v2+json also selects binary (qs 0.9), the others carry qs 0.1.
const PRODUCED: readonly ProducedType<EmbeddedFormat>[] = [
  produced('binary', 'vnd.kafka.binary.v2+json', 1),
  produced('binary', 'vnd.kafka.v2+json', 0.9),
  produced('json', 'vnd.kafka.json.v2+json', 0.1),
  produced('avro', 'vnd.kafka.avro.v2+json', 0.1),
  produced('jsonschema', 'vnd.kafka.jsonschema.v2+json', 0.1),
  produced('protobuf', 'vnd.kafka.protobuf.v2+json', 0.1),
];

function produced(
  format: EmbeddedFormat,
  subtype: string,
  qs: number,
): ProducedType<EmbeddedFormat> {
  return { value: format, type: 'application', subtype, qs };
}

/** Jersey's choice of the GET records method for an `Accept` header; no match: 406. */
export function negotiateRecords(accept: string | undefined): RecordsNegotiation {
  const best = negotiateMediaType(accept, PRODUCED);
  if (best === undefined) {
    throw new RestError('NOT_ACCEPTABLE');
  }
  return { format: best.value, mediaType: `${best.type}/${best.subtype}` };
}

/**
 * Checks the `format` of a create request, any case, as kafka-rest's
 * CreateConsumerInstanceRequest.computeFormat does while the body is read (422/422).
 */
export function parseEmbeddedFormat(value: string | undefined): EmbeddedFormat {
  const format = (value ?? 'binary').toLowerCase();
  if (EMBEDDED_FORMATS.includes(format)) {
    return format as EmbeddedFormat;
  }
  throw ConsumeErrors.invalidFormat();
}
