import { RestError } from '@gateway/rest';
import { ConsumeErrors } from './consume-errors';

/** An optional non-negative integer query parameter; anything else is a 400. */
export function intParam(
  name: string,
  value: string | undefined,
  max?: number,
): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw ConsumeErrors.badRequest(
      `Invalid value for '${name}': ${value} is not a non-negative integer.`,
    );
  }
  const n = Number(value);
  if (max !== undefined) {
    return Math.min(n, max);
  }
  if (!Number.isSafeInteger(n)) {
    // Kafka's offsets are 64-bit, but no log reaches 2^53 records: beyond is a client error.
    throw ConsumeErrors.badRequest(`Invalid value for '${name}': ${value} is too large.`);
  }
  return n;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * A JAX-RS `@QueryParam long` (v2 `timeout`, `max_bytes`): blank means absent, as Jersey takes
 * the default then; anything `Long.valueOf` refuses (not an integer, beyond 64 bits) fails the
 * parameter conversion, which Jersey answers with a plain 404. Beyond 2^53 the value is
 * approximate, which only matters to comparisons with far smaller limits.
 */
export function javaLongParam(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  if (!/^[+-]?\d+$/.test(value)) {
    throw RestError.notFound();
  }
  const n = BigInt(value);
  if (n < LONG_MIN || n > LONG_MAX) {
    throw RestError.notFound();
  }
  return Number(n);
}

// The latest instant a JavaScript Date (and so a timestamp here) can hold, in milliseconds.
const MAX_TIMESTAMP_MS = 8.64e15;
// An ISO-8601 date-time as RFC 3339 writes it (a zone is required), with an extended year.
const DATE_TIME = /^[+-]?\d{4,6}-\d\d-\d\d[Tt]\d\d:\d\d(:\d\d(\.\d{1,9})?)?([Zz]|[+-]\d\d:\d\d)$/;

/**
 * A timestamp as milliseconds since the epoch or as an ISO-8601 date-time; nothing else (Date's
 * own parser would take `May 1` or `-5` as a date). Kafka's timestamps start at 0 and its
 * negative ones ask for special offsets, so an instant before 1970 means the first record.
 */
export function timestampParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const ms = /^\d+$/.test(value) ? Number(value) : DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms) || ms > MAX_TIMESTAMP_MS) {
    throw ConsumeErrors.badRequest(
      `Invalid value for '${name}': ${value} is not a timestamp (milliseconds since the epoch or an ISO-8601 date-time).`,
    );
  }
  return Math.max(0, ms);
}

/**
 * Repeated query parameters arrive as arrays (`?format=a&format=b`); as with Jersey's
 * `@QueryParam String`, the first one counts, instead of a string method failing with a 500.
 */
export function firstValues<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      Array.isArray(value) ? (value[0] as unknown) : (value as unknown),
    ]),
  ) as T;
}
