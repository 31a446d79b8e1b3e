import { isInteger, parse, stringify } from 'lossless-json';

/**
 * JSON with exact integers, as Jackson reads and writes it (kafka-rest keeps every digit of a
 * 64-bit long, and of larger integers in JSON data). An integer that a double cannot hold is a
 * BigInt in the parsed value; every other number stays a number, so data without such integers
 * is exactly what JSON.parse returns.
 */

const PARSE_OPTIONS = {
  parseNumber,
  // JSON.parse and Jackson keep the last value of a repeated key; lossless-json would throw.
  onDuplicateKey: ({ newValue }: { newValue: unknown }) => newValue,
};

/** JSON.parse (same errors), except that integers beyond 2^53 become BigInts with every digit. */
export function parseJsonExact(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  // Only a number of 2^53 or more may have been rounded: a walk over the parsed value costs far
  // less than scanning the text for long digit runs (base64 data is full of digits), and only
  // such a record pays for the lossless parser.
  if (!hasLargeNumber(value)) {
    return value;
  }
  return parse(text, null, PARSE_OPTIONS);
}

/** JSON.stringify, except that BigInts are written as their digits (JSON numbers). */
export function stringifyJsonExact(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    // JSON.stringify refuses BigInt ("Do not know how to serialize a BigInt").
    if (!(error instanceof TypeError)) {
      throw error;
    }
    return stringify(value) as string;
  }
}

function parseNumber(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) || !isInteger(text) ? n : BigInt(text);
}

function hasLargeNumber(value: unknown): boolean {
  if (typeof value === 'number') {
    return value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER;
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (hasLargeNumber(value[i])) {
        return true;
      }
    }
    return false;
  }
  for (const key in value) {
    if (hasLargeNumber((value as Record<string, unknown>)[key])) {
      return true;
    }
  }
  return false;
}
