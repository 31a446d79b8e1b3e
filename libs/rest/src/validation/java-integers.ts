import { z } from 'zod';

/**
 * Integer body fields with the width of kafka-rest's Java type: Jackson refuses a number out of
 * its range with a 400 before anything reaches Kafka (without the bound, such a number failed
 * later, in a Kafka request encoder, as a 500). Values Jackson's default mapper coerces are
 * read as it reads them (jacksonNumber). `min`: the smallest value the field accepts.
 */
export function javaInt(min?: number) {
  return javaNumber(bounded('int', 2 ** 31), min);
}

/** A Java `short` field (replication factors). */
export function javaShort(min?: number) {
  return javaNumber(bounded('short', 2 ** 15), min);
}

/**
 * A Java `long` field (offsets). JSON numbers are exact only up to 2^53, so that is the bound
 * (as for offsets in query parameters).
 */
export function javaLong(min?: number) {
  const message = `Numeric value out of safe range of long (${-Number.MAX_SAFE_INTEGER} - ${Number.MAX_SAFE_INTEGER})`;
  return javaNumber(z.number().int().safe({ message }), min);
}

/**
 * What Jackson's default mapper reads into a Java Integer/Long besides a JSON integer: a string
 * holding one (`"3"`, also `" +3 "`: scalar coercion trims, Integer.parseInt takes a plus) and a
 * float, truncated (ACCEPT_FLOAT_AS_INT). Anything else is returned as is, for the number check
 * to refuse. (Jackson also reads `""` as null: produce-request.ts, whose fields may be null,
 * does; a zod field here would refuse the null anyway.)
 */
export function jacksonNumber(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) {
    return Number(value);
  }
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) {
    return Math.trunc(value);
  }
  return value;
}

/**
 * A Java boolean field as Jackson reads one: also the texts true/True/TRUE and false/False/FALSE
 * (trimmed; Jackson's _isTrue/_isFalse take no other case), and integers (0 is false).
 */
export function javaBoolean() {
  return z.preprocess((value) => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    if (text !== undefined && JAVA_BOOLEAN_TEXTS.has(text)) {
      return text.toLowerCase() === 'true';
    }
    return typeof value === 'number' && Number.isInteger(value) ? value !== 0 : value;
  }, z.boolean());
}

const JAVA_BOOLEAN_TEXTS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

function javaNumber(type: z.ZodNumber, min: number | undefined) {
  return z.preprocess(jacksonNumber, min === undefined ? type : type.min(min));
}

function bounded(type: string, limit: number): z.ZodNumber {
  const message = `Numeric value out of range of ${type} (${-limit} - ${limit - 1})`;
  return z
    .number()
    .int()
    .gte(-limit, { message })
    .lte(limit - 1, { message });
}
