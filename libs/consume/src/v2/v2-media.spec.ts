import { describe, expect, it } from 'vitest';
import { negotiateRecords, parseEmbeddedFormat } from './v2-media';

const BINARY = 'application/vnd.kafka.binary.v2+json';
const JSON_V2 = 'application/vnd.kafka.json.v2+json';
const AVRO = 'application/vnd.kafka.avro.v2+json';
const PROTOBUF = 'application/vnd.kafka.protobuf.v2+json';
const V2 = 'application/vnd.kafka.v2+json';

const statusOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { status?: number }).status;
  }
};

describe('negotiateRecords', () => {
  it('selects the embedded format asked for, answered in its own media type', () => {
    expect(negotiateRecords(BINARY)).toEqual({ format: 'binary', mediaType: BINARY });
    expect(negotiateRecords(JSON_V2)).toEqual({ format: 'json', mediaType: JSON_V2 });
    expect(negotiateRecords(`${PROTOBUF}; charset=utf-8`)).toEqual({
      format: 'protobuf',
      mediaType: PROTOBUF,
    });
  });

  it('defaults to binary: no Accept, */*, application/* and vnd.kafka.v2+json', () => {
    expect(negotiateRecords(undefined)).toEqual({ format: 'binary', mediaType: BINARY });
    expect(negotiateRecords('')).toEqual({ format: 'binary', mediaType: BINARY });
    expect(negotiateRecords('*/*')).toEqual({ format: 'binary', mediaType: BINARY });
    expect(negotiateRecords('application/*')).toEqual({ format: 'binary', mediaType: BINARY });
    // Jersey answers the type that matched: vnd.kafka.v2+json (qs 0.9) of the binary reader.
    expect(negotiateRecords(V2)).toEqual({ format: 'binary', mediaType: V2 });
  });

  it('prefers the higher client q', () => {
    expect(negotiateRecords(`${JSON_V2}; q=0.5, ${BINARY}`)).toEqual({
      format: 'binary',
      mediaType: BINARY,
    });
    expect(negotiateRecords(`${BINARY};q=0.2, ${AVRO};q=0.3`).format).toBe('avro');
    // q decides before qs: json at q=1 beats binary at q=0.5 (Jersey's CombinedMediaType order).
    expect(negotiateRecords(`${JSON_V2}, ${BINARY};q=0.5`).format).toBe('json');
  });

  it('breaks a q tie by the server qs: binary (1) and vnd.kafka.v2+json (0.9) beat the rest (0.1)', () => {
    expect(negotiateRecords(`${V2}, ${JSON_V2}`)).toEqual({ format: 'binary', mediaType: V2 });
    expect(negotiateRecords(`${JSON_V2}, ${BINARY}`).format).toBe('binary');
    expect(negotiateRecords(`${V2}, ${BINARY}`)).toEqual({ format: 'binary', mediaType: BINARY });
    expect(negotiateRecords(`${JSON_V2}, */*`)).toEqual({ format: 'binary', mediaType: BINARY });
  });

  it('lets a wildcard range only compete at its own q', () => {
    expect(negotiateRecords(`${JSON_V2}, */*;q=0.5`).format).toBe('json');
    expect(negotiateRecords(`${AVRO};q=0.4, application/*;q=0.5`).format).toBe('binary');
  });

  it('keeps the first of equally good ranges', () => {
    expect(negotiateRecords(`${AVRO}, ${PROTOBUF}`).format).toBe('avro');
    expect(negotiateRecords(`${PROTOBUF}, ${AVRO}`).format).toBe('protobuf');
  });

  it('answers 406 when no range matches a records type', () => {
    expect(statusOf(() => negotiateRecords('text/plain'))).toBe(406);
    expect(statusOf(() => negotiateRecords('application/json'))).toBe(406);
    expect(statusOf(() => negotiateRecords('text/*, image/png;q=0.9'))).toBe(406);
  });
});

describe('parseEmbeddedFormat', () => {
  it('defaults to binary and answers 422 for an unknown format', () => {
    expect(parseEmbeddedFormat(undefined)).toBe('binary');
    expect(parseEmbeddedFormat('JSON')).toBe('json');
    expect(statusOf(() => parseEmbeddedFormat('xml'))).toBe(422);
  });
});
