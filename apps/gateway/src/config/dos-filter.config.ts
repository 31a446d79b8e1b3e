import { z } from 'zod';
import type { DosFilterOptions } from '@gateway/auth';
import { bool, commaList, nonNegativeInt, positiveInt } from './env-values';

/** rest-utils' `dos.filter.*` settings, with its defaults (Jetty DoSFilter's). */
export const DOS_FILTER_ENV = {
  KAFKA_REST_DOS_FILTER_ENABLED: bool.default('false'),
  KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC: positiveInt.default(25),
  KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC: positiveInt.default(25),
  KAFKA_REST_DOS_FILTER_DELAY_MS: z.coerce.number().int().min(-1).default(100),
  KAFKA_REST_DOS_FILTER_MAX_WAIT_MS: nonNegativeInt.default(50),
  KAFKA_REST_DOS_FILTER_THROTTLED_REQUESTS: positiveInt.default(5),
  KAFKA_REST_DOS_FILTER_THROTTLE_MS: nonNegativeInt.default(30_000),
  KAFKA_REST_DOS_FILTER_INSERT_HEADERS: bool.default('true'),
  KAFKA_REST_DOS_FILTER_IP_WHITELIST: commaList.default(''),
  KAFKA_REST_DOS_FILTER_MAX_IDLE_TRACKER_MS: nonNegativeInt.default(30_000),
};

type DosFilterEnv = z.output<z.ZodObject<typeof DOS_FILTER_ENV>>;

export function dosFilterConfig(e: DosFilterEnv): DosFilterOptions | null {
  if (!e.KAFKA_REST_DOS_FILTER_ENABLED) {
    return null;
  }
  return {
    maxRequestsPerSec: e.KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC,
    maxRequestsPerConnectionPerSec: e.KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC,
    delayMs: e.KAFKA_REST_DOS_FILTER_DELAY_MS,
    maxWaitMs: e.KAFKA_REST_DOS_FILTER_MAX_WAIT_MS,
    throttledRequests: e.KAFKA_REST_DOS_FILTER_THROTTLED_REQUESTS,
    throttleMs: e.KAFKA_REST_DOS_FILTER_THROTTLE_MS,
    insertHeaders: e.KAFKA_REST_DOS_FILTER_INSERT_HEADERS,
    ipWhitelist: e.KAFKA_REST_DOS_FILTER_IP_WHITELIST,
    maxIdleTrackerMs: e.KAFKA_REST_DOS_FILTER_MAX_IDLE_TRACKER_MS,
  };
}
