// java.time.Duration.parse's grammar (PnDTnHnMn.nS, any case, a sign on the whole and on each
// part, up to 9 fraction digits of a second).
const DURATION =
  /^([-+]?)P(?:([-+]?\d+)D)?(T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;
const LONG_MAX = 2n ** 63n - 1n;

/**
 * The milliseconds of an ISO-8601 duration as Duration.parse reads it (fractions of a
 * millisecond kept), or undefined where it throws: no part, a "T" with no time part, or seconds
 * beyond a Java long.
 */
export function javaDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null || match[3]?.toUpperCase() === 'T') {
    return undefined;
  }
  const [, sign, days, , hours, minutes, seconds, fraction] = match;
  if ([days, hours, minutes, seconds].every((part) => part === undefined)) {
    return undefined;
  }
  const total =
    BigInt(days ?? 0) * 86_400n + BigInt(hours ?? 0) * 3_600n + BigInt(minutes ?? 0) * 60n;
  const wholeSeconds = total + BigInt(seconds ?? 0);
  if (wholeSeconds > LONG_MAX || wholeSeconds < -LONG_MAX - 1n) {
    return undefined;
  }
  // The fraction takes the sign of its seconds.
  const nanos =
    Number((fraction ?? '').padEnd(9, '0') || '0') * (seconds?.startsWith('-') ? -1 : 1);
  const ms = Number(wholeSeconds) * 1000 + nanos / 1e6;
  return sign === '-' ? -ms : ms;
}
