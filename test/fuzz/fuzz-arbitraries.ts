import fc from 'fast-check';

/** How many inputs each property tries (FUZZ_RUNS overrides; the default keeps CI short). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** A fixed seed per run unless FUZZ_SEED is given, so a CI failure can be replayed. */
export const FUZZ_SEED =
  process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

export function fuzzParameters<T>(runs = FUZZ_RUNS): fc.Parameters<T> {
  return { numRuns: runs, seed: FUZZ_SEED, endOnFailure: true };
}

/** Strings that break parsers: empty, whitespace, NUL, huge numbers, separators, unicode. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFFFF',
    '\uD800',
    '-1',
    '0',
    '-0',
    '1e309',
    '1.5',
    '9'.repeat(40),
    '2147483648',
    '-9223372036854775809',
    'NaN',
    'Infinity',
    'null',
    'true',
    '{}',
    '[]',
    '%',
    '%00',
    '../..',
    '*',
    '(a+)+$',
    '[',
    'x'.repeat(5_000),
    'earliest',
    'latest',
    '0:0',
    '0:1,1:x',
    '2024-01-01T00:00:00Z',
    'BINARY',
    'JSON',
    'STRING',
    'AVRO',
    'PROTOBUF',
    'JSONSCHEMA',
  ),
);

/** Any JSON value, with numbers and strings that tend to matter more often than at random. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nastyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      -1,
      0,
      1,
      2 ** 31,
      -(2 ** 31) - 1,
      Number.MAX_SAFE_INTEGER,
      1e300,
      0.5,
      null,
      true,
      [],
      {},
    ),
  },
);

/** An object with some of `fields` set to anything, plus maybe an unknown field. */
export function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.string({ maxLength: 10 }), anyJson), { freq: 5 }),
    )
    .map(([body, extra]) => (extra === null ? body : { ...body, [extra[0]]: extra[1] }));
}

/** A field that is usually anything, sometimes the right shape. */
export function field<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(plausible, anyJson);
}

/** A request body: arbitrary JSON, or a plausible shape with arbitrary values. */
export function body(shape: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: shape });
}

/** Produce record data `{type, data, ...}` in every shape, valid or not. */
export const recordData = field(
  shaped({
    type: field(fc.constantFrom('BINARY', 'JSON', 'STRING', 'AVRO', 'PROTOBUF', 'JSONSCHEMA')),
    data: anyJson,
    subject: nastyString,
    schema_id: anyJson,
    schema_version: anyJson,
    schema: anyJson,
    subject_name_strategy: nastyString,
  }),
);

/** A v3 produce request with arbitrary members. */
export const produceRequest = body(
  shaped({
    partition_id: anyJson,
    headers: field(fc.array(shaped({ name: anyJson, value: anyJson }), { maxLength: 3 })),
    key: recordData,
    value: recordData,
    timestamp: anyJson,
  }),
);

/**
 * encodeURIComponent, except that lone surrogates (which it refuses) become the UTF-8 bytes of
 * a surrogate: invalid UTF-8 in the URL, which is worth sending too.
 */
export function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    out += /^[\uD800-\uDFFF]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch);
  }
  return out;
}

/**
 * Query strings with the given parameter names (and others) set to nasty strings, URL-encoded.
 * Each name appears once: repeated parameters have their own examples in fuzz-regressions.
 */
export function query(names: string[]): fc.Arbitrary<string> {
  return fc
    .uniqueArray(
      fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), nastyString),
      {
        maxLength: 5,
        selector: ([name]) => name,
      },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
}

/** A path segment: a nasty string, URL-encoded (never empty, which would change the route). */
export const segment = nastyString.map((s) => (s === '' ? '%20' : encode(s)));

/** The HTTP status of a Confluent error code: 40402 -> 404, 50302 -> 503, 200 -> 200. */
export function httpStatusOf(errorCode: number): number {
  return errorCode >= 1000 ? Math.floor(errorCode / 100) : errorCode;
}
