/**
 * Jackson reads a JSON number written as a float (`1.0`, `1e2`) into a double and writes it back
 * with Java's `Double.toString` (`1.0`, `100.0`, `1.0E21`), so kafka-rest stores `{"a":1.0}` as
 * it came, where JSON.parse and JSON.stringify would write `{"a":1}`. A parsed container
 * remembers the Java text of each such member whose JavaScript text differs; stringifyJsonExact
 * writes it.
 */

const DOUBLE_TEXTS = Symbol('jacksonDoubleTexts');
const HOLDS_DOUBLES = Symbol('holdsJacksonDoubles');

interface Marked {
  /** Member name (array index as a string) → the Java text of its double. */
  [DOUBLE_TEXTS]?: Map<string, string>;
  /** Set on every container that holds, at any depth, a container with DOUBLE_TEXTS. */
  [HOLDS_DOUBLES]?: true;
}

/** Java's `Double.toString(x)`; non-finite values as Jackson writes them (quoted). */
export function javaDoubleText(x: number): string {
  if (!Number.isFinite(x)) {
    return Number.isNaN(x) ? '"NaN"' : x > 0 ? '"Infinity"' : '"-Infinity"';
  }
  if (x === 0) {
    return Object.is(x, -0) ? '-0.0' : '0.0';
  }
  const abs = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  // The shortest digits that read back as x, as Java 19+ (and JavaScript) choose them; Java
  // writes at least two, the closest of those (4.9E-324, where JavaScript writes 5e-324).
  let [mantissa, exponentText] = abs.toExponential().split('e');
  if (mantissa.length === 1) {
    const two = abs.toExponential(1);
    if (Number(two) === abs) {
      [mantissa, exponentText] = two.split('e');
    }
  }
  const digits = mantissa.replace('.', '').replace(/(?<=.)0+$/, '');
  const exponent = Number(exponentText);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent < 0) {
      return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/**
 * Java and JavaScript write a double alike only when it has a fraction and lies in Java's plain
 * range [1e-3, 1e7): both then write the same shortest digits with a point.
 */
export function javaWritesOtherwise(x: number): boolean {
  const abs = Math.abs(x);
  return !(abs >= 1e-3 && abs < 1e7 && !Number.isInteger(x));
}

/** Records that `holder[key]`, a number parsed from a float literal, is written as Java does. */
export function markDouble(holder: object, key: string, value: number): void {
  if (!javaWritesOtherwise(value)) {
    return;
  }
  const marked = holder as Marked;
  if (marked[DOUBLE_TEXTS] === undefined) {
    hide(holder, DOUBLE_TEXTS, new Map());
  }
  marked[DOUBLE_TEXTS]!.set(key, javaDoubleText(value));
}

/**
 * A float32 value as Java's `Float.toString` writes it (the shortest digits that read back as
 * that float), read back into a double, as Jackson reads what Avro's and Protobuf's Java JSON
 * writers print: 23.4f is 23.4, where the float's exact value is 23.399999618530273.
 */
export function floatAsJavaDouble(x: number): number {
  if (!Number.isFinite(x) || x === 0) {
    return x;
  }
  for (let digits = 1; digits < 9; digits++) {
    const shortest = Number(x.toPrecision(digits));
    if (Math.fround(shortest) === x) {
      return shortest;
    }
  }
  return x;
}

/**
 * `holder[key]`, a float or double a Java JSON writer printed and Jackson read back: the value
 * Jackson holds, written as Jackson writes it (stringifyJsonExact).
 */
export function markJavaNumber(holder: object, key: string, kind: 'float' | 'double'): void {
  const record = holder as Record<string, unknown>;
  const value = record[key];
  if (typeof value !== 'number') {
    return;
  }
  const read = kind === 'float' ? floatAsJavaDouble(value) : value;
  record[key] = read;
  markDouble(holder, key, read);
}

/** Marks `container` as holding doubles when any of its members does. */
export function markMembers(container: object): void {
  for (const member of Object.values(container)) {
    markHolder(container, member);
  }
}

/** Marks `holder` as holding doubles when `member` does (the reviver calls it bottom-up). */
export function markHolder(holder: object, member: unknown): void {
  if (holdsDoubles(member) && (holder as Marked)[HOLDS_DOUBLES] === undefined) {
    hide(holder, HOLDS_DOUBLES, true);
  }
}

// Not enumerable: the parsed value compares, spreads and copies as JSON.parse's would (a copy
// simply writes plain JSON numbers).
function hide(holder: object, key: symbol, value: unknown): void {
  Object.defineProperty(holder, key, { value, enumerable: false, writable: false });
}

export function holdsDoubles(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as Marked)[DOUBLE_TEXTS] !== undefined || (value as Marked)[HOLDS_DOUBLES] === true)
  );
}

/** The Java text recorded for `holder[key]`, if it is a double whose text differs. */
export function doubleText(holder: unknown, key: string): string | undefined {
  return typeof holder === 'object' && holder !== null
    ? (holder as Marked)[DOUBLE_TEXTS]?.get(key)
    : undefined;
}

/** JSON of a container that holds doubles; `write` writes any member without them. */
export function writeWithDoubles(value: object, write: (member: unknown) => string): string {
  const member = (key: string, v: unknown): string =>
    doubleText(value, key) ?? (holdsDoubles(v) ? writeWithDoubles(v, write) : write(v));
  if (Array.isArray(value)) {
    return `[${value.map((v: unknown, i) => (v === undefined ? 'null' : member(String(i), v))).join(',')}]`;
  }
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function') {
      parts.push(`${JSON.stringify(key)}:${member(key, v)}`);
    }
  }
  return `{${parts.join(',')}}`;
}
