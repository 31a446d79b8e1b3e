import { RestError } from '@gateway/rest';
import { ConsumeErrors } from '../shared/consume-errors';

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

interface Produced {
  format: EmbeddedFormat;
  type: string;
  subtype: string;
  qs: number;
}

// The @Produces of kafka-rest's GET records methods (ConsumersResource, Versions): binary is the
// default (qs 1), vnd.kafka.v2+json also selects binary (qs 0.9), the others carry qs 0.1.
const PRODUCED: readonly Produced[] = [
  produced('binary', 'vnd.kafka.binary.v2+json', 1),
  produced('binary', 'vnd.kafka.v2+json', 0.9),
  produced('json', 'vnd.kafka.json.v2+json', 0.1),
  produced('avro', 'vnd.kafka.avro.v2+json', 0.1),
  produced('jsonschema', 'vnd.kafka.jsonschema.v2+json', 0.1),
  produced('protobuf', 'vnd.kafka.protobuf.v2+json', 0.1),
];

function produced(format: EmbeddedFormat, subtype: string, qs: number): Produced {
  return { format, type: 'application', subtype, qs };
}

interface Acceptable {
  type: string;
  subtype: string;
  q: number;
}

/**
 * Jersey's choice of the GET records method for an `Accept` header (MethodSelectingRouter and
 * CombinedMediaType): every acceptable range is combined with every produced type it matches;
 * the best combination has the higher client q, then the higher server qs, then the fewer
 * wildcards (the combined type is always the concrete produced one, so specificity never
 * decides); a tie keeps the first, in Accept order. No Accept means any type. No match: 406.
 */
export function negotiateRecords(accept: string | undefined): RecordsNegotiation {
  let best: { p: Produced; q: number; d: number } | undefined;
  for (const range of acceptableRanges(accept)) {
    for (const p of PRODUCED) {
      if (!compatible(range, p)) {
        continue;
      }
      const d = Number(range.type === '*') + Number(range.subtype === '*');
      if (
        best === undefined ||
        range.q > best.q ||
        (range.q === best.q && (p.qs > best.p.qs || (p.qs === best.p.qs && d < best.d)))
      ) {
        best = { p, q: range.q, d };
      }
    }
  }
  if (best === undefined) {
    throw new RestError('NOT_ACCEPTABLE');
  }
  return { format: best.p.format, mediaType: `${best.p.type}/${best.p.subtype}` };
}

/** The ranges of an Accept header, by descending q (a stable sort, as Jersey's). */
function acceptableRanges(accept: string | undefined): Acceptable[] {
  const ranges = (accept ?? '')
    .split(',')
    .map(parseRange)
    .filter((r): r is Acceptable => r !== undefined);
  if (ranges.length === 0) {
    return [{ type: '*', subtype: '*', q: 1 }];
  }
  return ranges.sort((a, b) => b.q - a.q);
}

function parseRange(text: string): Acceptable | undefined {
  const [mediaType, ...params] = text.split(';');
  const match = /^\s*([^\s/]+)\/([^\s/]+)\s*$/.exec(mediaType);
  if (match === null) {
    return undefined;
  }
  let q = 1;
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim());
    if (name.toLowerCase() === 'q' && value !== undefined) {
      const n = Number(value);
      q = Number.isFinite(n) && n >= 0 && n <= 1 ? n : q;
    }
  }
  return { type: match[1].toLowerCase(), subtype: match[2].toLowerCase(), q };
}

function compatible(range: Acceptable, p: Produced): boolean {
  return (
    range.type === '*' ||
    (range.type === p.type && (range.subtype === '*' || range.subtype === p.subtype))
  );
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
