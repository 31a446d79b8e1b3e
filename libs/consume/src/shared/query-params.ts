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
  return max !== undefined ? Math.min(n, max) : n;
}

/** A timestamp as milliseconds since the epoch or as an ISO-8601 date-time. */
export function timestampParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw ConsumeErrors.badRequest(
      `Invalid value for '${name}': ${value} is neither milliseconds nor an ISO-8601 date-time.`,
    );
  }
  return ms;
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
