/** Produce settings, parsed by the app from Confluent's `api.v3.produce.*` and `streaming.*` keys. */
export interface RecordsOptions {
  /** `api.v3.produce.batch.maximum.entries` (1 to 50). */
  batchMaximumEntries: number;
  /**
   * `api.v3.produce.request.size.limit.max.bytes`: the largest JSON text of one record in a
   * request; 0 turns it off (the body limit still bounds memory).
   */
  requestSizeLimitMaxBytes: number;
  /**
   * Hard bound on one record's JSON text when the limit above is off (and on a body buffered
   * for an Idempotency-Key): the body limit, raised to fit the largest record the producer
   * takes, base64-encoded.
   */
  maxRecordJsonBytes: number;
  /** `streaming.connection.max.duration.ms` and its grace period. */
  streamingMaxDurationMs: number;
  streamingGracePeriodMs: number;
  /** Backpressure: a stream stops reading its body while this many bytes await their receipt. */
  streamingMaxPendingBytes: number;
  rateLimit: ProduceRateLimitOptions;
  /** How long an Idempotency-Key's receipts are kept; 0 turns the header off. */
  idempotencyKeyWindowMs: number;
  idempotencyKeyMaxEntries: number;
}

/** `api.v3.produce.rate.limit.*`: records/s and JSON bytes/s, global then per cluster. */
export interface ProduceRateLimitOptions {
  enabled: boolean;
  maxRequestsGlobalPerSec: number;
  maxBytesGlobalPerSec: number;
  maxRequestsPerSec: number;
  maxBytesPerSec: number;
  cacheExpiryMs: number;
}

export const DEFAULT_RECORDS_OPTIONS: RecordsOptions = {
  batchMaximumEntries: 10,
  requestSizeLimitMaxBytes: 0,
  maxRecordJsonBytes: 16 * 1024 * 1024,
  streamingMaxDurationMs: 86_400_000,
  streamingGracePeriodMs: 500,
  streamingMaxPendingBytes: 8 * 1024 * 1024,
  rateLimit: {
    enabled: false,
    maxRequestsGlobalPerSec: 10_000,
    maxBytesGlobalPerSec: 10_485_760,
    maxRequestsPerSec: 10_000,
    maxBytesPerSec: 10_485_760,
    cacheExpiryMs: 3_600_000,
  },
  idempotencyKeyWindowMs: 300_000,
  idempotencyKeyMaxEntries: 100_000,
};

export const RECORDS_OPTIONS = Symbol('RECORDS_OPTIONS');
