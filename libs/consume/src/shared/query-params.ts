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
