import { isInteger, isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import {
  doubleText,
  holdsDoubles,
  javaWritesOtherwise,
  markDouble,
  markHolder,
  writeWithDoubles,
} from './jackson-doubles';
import { checkJsonNesting } from './json-nesting';

/**
 * JSON numbers as Jackson reads and writes them: kafka-rest keeps every digit of a 64-bit long
 * and of larger integers in JSON data, and writes a float literal back as a double (`1.0` stays
 * `1.0`). An integer that a double cannot hold is a BigInt in the parsed value; every other
 * number stays a number (a float's Java text is kept beside it: jackson-doubles.ts), so data
 * without such numbers is exactly what JSON.parse returns.
 */

const PARSE_OPTIONS = {
  parseNumber,
  // JSON.parse and Jackson keep the last value of a repeated key; lossless-json would throw.
  onDuplicateKey: ({ newValue }: { newValue: unknown }) => newValue,
};

/**
 * JSON.parse (same errors), except that integers beyond 2^53 become BigInts with every digit and
 * float literals remember their Java text.
 */
export function parseJsonExact(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  checkJsonNesting(text);
  // A walk over the parsed value costs far less than the lossless parser: only a record with a
  // number of 2^53 or more, or with a float literal Java writes otherwise (the text is scanned
  // only if the value holds a number at all), pays for it.
  const numbers = numbersIn(value);
  if (numbers === NO_NUMBER || (numbers === SAFE_NUMBERS && !hasJavaOnlyFloat(text))) {
    return value;
  }
  return parse(text, reviveDoubles, PARSE_OPTIONS);
}

/**
 * JSON.stringify, except that BigInts are written as their digits (JSON numbers), parsed float
 * literals as Jackson writes doubles, control characters escaped with Jackson's upper-case
 * hex digits, and an absent value (undefined), which JSON.stringify gives no text, as `null`.
 */
export function stringifyJsonExact(value: unknown): string {
  if (value === undefined) {
    return 'null';
  }
  const text = holdsDoubles(value) ? writeWithDoubles(value, plainJson) : plainJson(value);
  return text.includes('\\u00') ? upperCaseEscapes(text) : text;
}

/**
 * parseJsonExact(text) stored as `holder[key]`: a text that is one float literal (`1.0`) keeps
 * its Java text there, which a parsed number alone cannot carry (stringifyJsonMember writes it).
 */
export function parseJsonMember(holder: object, key: string, text: string): void {
  const value = parseJsonExact(text);
  (holder as Record<string, unknown>)[key] = value;
  if (typeof value === 'number' && FLOAT_LITERAL.test(text)) {
    markDouble(holder, key, value);
  }
}

/** stringifyJsonExact(holder[key]), also for a float literal parsed there (not a container). */
export function stringifyJsonMember(holder: object, key: string): string {
  return doubleText(holder, key) ?? stringifyJsonExact((holder as Record<string, unknown>)[key]);
}

function plainJson(value: unknown): string {
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

// \u001f (an escape: an even run of backslashes before it) → \u001F, as Jackson writes it.
const LOWER_CASE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u00([01][0-9a-f])/g;

function upperCaseEscapes(text: string): string {
  return text.replace(LOWER_CASE_ESCAPE, (_m, slashes: string, hex: string) => {
    return `${slashes}\\u00${hex.toUpperCase()}`;
  });
}

function parseNumber(text: string): number | bigint | LosslessNumber {
  if (!isInteger(text)) {
    // reviveDoubles turns it into a number and records its Java text.
    return new LosslessNumber(text);
  }
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

function reviveDoubles(this: unknown, key: string, value: unknown): unknown {
  if (isLosslessNumber(value)) {
    const n = Number(value.value);
    markDouble(this as object, key, n);
    return n;
  }
  markHolder(this as object, value);
  return value;
}

const NO_NUMBER = 0;
const SAFE_NUMBERS = 1;
const LARGE_NUMBER = 2;

function numbersIn(value: unknown): number {
  if (typeof value === 'number') {
    return value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER
      ? LARGE_NUMBER
      : SAFE_NUMBERS;
  }
  if (typeof value !== 'object' || value === null) {
    return NO_NUMBER;
  }
  let found = NO_NUMBER;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && found !== LARGE_NUMBER; i++) {
      found = Math.max(found, numbersIn(value[i]));
    }
    return found;
  }
  for (const key in value) {
    found = Math.max(found, numbersIn((value as Record<string, unknown>)[key]));
    if (found === LARGE_NUMBER) {
      break;
    }
  }
  return found;
}

/**
 * A float literal outside strings whose double Java writes otherwise than JavaScript (`1.0`,
 * `1e2`, `0.0001`; not `12.5`): only such a text needs its numbers' Java forms remembered.
 */
function hasJavaOnlyFloat(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i + 1);
    } else if (c === MINUS || isDigit(c)) {
      let end = i + 1;
      let float = false;
      for (let d = text.charCodeAt(end); isNumberPart(d); d = text.charCodeAt(++end)) {
        float ||= d === DOT || d === LOWER_E || d === UPPER_E;
      }
      if (float && javaWritesOtherwise(Number(text.slice(i, end)))) {
        return true;
      }
      i = end - 1;
    }
  }
  return false;
}

/** The index of the quote that ends the string whose text starts at `from`. */
function closingQuote(text: string, from: number): number {
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) {
      return text.length;
    }
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return quote;
    }
    from = quote + 1;
  }
}

// The whole text is one number: a point or an exponent makes it a float literal.
const FLOAT_LITERAL = /[.eE]/;

const QUOTE = 0x22;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isNumberPart(c: number): boolean {
  return isDigit(c) || c === DOT || c === LOWER_E || c === UPPER_E || c === MINUS || c === PLUS;
}
