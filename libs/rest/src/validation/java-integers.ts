import { z } from 'zod';

/**
 * Integer body fields with the width of kafka-rest's Java type: Jackson refuses a number out of
 * its range with a 400 before anything reaches Kafka (without the bound, such a number failed
 * later, in a Kafka request encoder, as a 500).
 */
export function javaInt(): z.ZodNumber {
  return bounded('int', 2 ** 31);
}

/** A Java `short` field (replication factors). */
export function javaShort(): z.ZodNumber {
  return bounded('short', 2 ** 15);
}

/**
 * A Java `long` field (offsets). JSON numbers are exact only up to 2^53, so that is the bound
 * (as for offsets in query parameters).
 */
export function javaLong(): z.ZodNumber {
  const message = `Numeric value out of safe range of long (${-Number.MAX_SAFE_INTEGER} - ${Number.MAX_SAFE_INTEGER})`;
  return z.number().int().safe({ message });
}

function bounded(type: string, limit: number): z.ZodNumber {
  const message = `Numeric value out of range of ${type} (${-limit} - ${limit - 1})`;
  return z
    .number()
    .int()
    .gte(-limit, { message })
    .lte(limit - 1, { message });
}
