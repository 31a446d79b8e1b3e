import { z } from 'zod';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DECIMAL_SECONDS = /^-?\d+(\.\d+)?$/;

/**
 * Epoch milliseconds of a Java `Instant` body field as Jackson's JavaTimeModule reads one, or
 * undefined: an ISO-8601 text, or epoch seconds with an optional fraction as a number or a
 * numeric text (what Java clients write with WRITE_DATES_AS_TIMESTAMPS, Jackson's default).
 */
export function javaInstantMs(value: unknown): number | undefined {
  const ms = parsedInstantMs(value);
  // Beyond a Date's range (year 275760) no receipt or record could show the instant: refused
  // before anything is written, not after the record is in Kafka.
  return ms !== undefined && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

/** The largest epoch milliseconds a JavaScript Date holds, either side of 1970. */
export const MAX_DATE_MS = 8.64e15;

function parsedInstantMs(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? secondsToMs(value) : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  // InstantDeserializer trims the text (an empty one is null: callers whose field may be null).
  const text = value.trim();
  if (DECIMAL_SECONDS.test(text)) {
    return secondsToMs(Number(text));
  }
  const ms = ISO_INSTANT.test(text) ? Date.parse(text) : NaN;
  return isNaN(ms) ? undefined : ms;
}

/** A Java `Instant` body field, read as javaInstantMs does; the value is epoch milliseconds. */
export function javaInstant() {
  return z.unknown().transform((value, ctx) => {
    const ms = javaInstantMs(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Expected an ISO-8601 instant or epoch seconds' });
      return z.NEVER;
    }
    return ms;
  });
}

// Rounded to the microsecond first: 1.005 s is 1004.9999... ms in binary floating point.
function secondsToMs(seconds: number): number {
  return Math.floor(Math.round(seconds * 1e6) / 1e3);
}
