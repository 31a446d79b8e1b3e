import type { IncomingMessage } from 'node:http';

/**
 * The REST error codes a request answered, for its access line, as kafka-rest's request log
 * writes `REST_ERROR_CODE` (`use.custom.request.logging`, on by default): the error_code of an
 * error answer, every error_code of a produce's receipts (counted: a limited stream is 200
 * with 429 receipts), and the log-only codes of the rate limits.
 */
const NOTED = Symbol('restErrorCodes');
type Noted = { [NOTED]?: Map<number, number> };

/** Log codes of the rate limits (CONFLUENT-REST-NOTES.md §3.5); the answers say 429. */
export const RATE_LIMIT_LOG_CODES = {
  produceGlobalCount: 429001,
  produceClusterCount: 429002,
  produceGlobalBytes: 429003,
  produceClusterBytes: 429004,
  adminGlobal: 429005,
  adminCluster: 429006,
  dosGlobal: 429007,
  dosPerClient: 429008,
} as const;

/** A receipt's code for the log when it is not its error_code (a rate limit's 4290xx). */
export const LOG_CODE = Symbol('logCode');
export type WithLogCode = { [LOG_CODE]?: number };

export function noteErrorCode(request: IncomingMessage, code: number): void {
  const holder = request as Noted;
  const codes = (holder[NOTED] ??= new Map<number, number>());
  codes.set(code, (codes.get(code) ?? 0) + 1);
}

/** Notes a receipt's code unless it is a success (error_code 200, or none: a batch success). */
export function noteReceipt(
  request: IncomingMessage,
  receipt: { error_code?: number } & WithLogCode,
): void {
  const code = receipt[LOG_CODE] ?? receipt.error_code;
  if (code !== undefined && code !== 200) {
    noteErrorCode(request, code);
  }
}

/** `{code: count}` of what the request answered, or undefined when it answered no error. */
export function notedErrorCodes(request: IncomingMessage): Record<string, number> | undefined {
  const codes = (request as Noted)[NOTED];
  return codes === undefined ? undefined : Object.fromEntries(codes);
}
