import { ConsumeErrors } from '../shared/consume-errors';

export const KAFKA_V2_JSON = 'application/vnd.kafka.v2+json';

/** v2 embedded formats; avro, jsonschema and protobuf are decoded through Schema Registry. */
export type EmbeddedFormat = 'binary' | 'json' | 'avro' | 'jsonschema' | 'protobuf';
const EMBEDDED_FORMATS: readonly string[] = ['binary', 'json', 'avro', 'jsonschema', 'protobuf'];

export function recordsMediaType(format: EmbeddedFormat): string {
  return `application/vnd.kafka.${format}.v2+json`;
}

/**
 * The embedded format a GET records asks for in `Accept`. As in kafka-rest, binary is the
 * default: a generic Accept (application/json, vnd.kafka.v2+json, * / *, none) means binary.
 */
export function acceptedFormat(accept: string | undefined): string {
  for (const range of (accept ?? '').split(',')) {
    const match = /^\s*application\/vnd\.kafka\.([a-z]+)\.v2\+json\s*(;.*)?$/i.exec(range);
    if (match !== null) {
      return match[1].toLowerCase();
    }
  }
  return 'binary';
}

/** Checks the `format` of a create request (42204 for anything this gateway cannot read). */
export function parseEmbeddedFormat(value: string | undefined): EmbeddedFormat {
  const format = (value ?? 'binary').toLowerCase();
  if (EMBEDDED_FORMATS.includes(format)) {
    return format as EmbeddedFormat;
  }
  throw ConsumeErrors.invalidConfig(`format ${value} is not one of ${EMBEDDED_FORMATS.join(', ')}`);
}
