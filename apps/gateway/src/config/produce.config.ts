import { z } from 'zod';
import type { RecordProducerOptions } from '@gateway/kafka';
import type { RecordsOptions } from '@gateway/records';
import { bool, nonNegativeInt, positiveInt } from './env-values';

/**
 * Produce settings: Confluent's `api.v3.produce.*`, `streaming.*` and `producer.*` properties
 * under their KAFKA_REST_* names, plus GATEWAY_* for what Confluent does not have.
 */
export const PRODUCE_ENV = {
  KAFKA_REST_API_V3_PRODUCE_BATCH_MAXIMUM_ENTRIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10),
  KAFKA_REST_API_V3_PRODUCE_REQUEST_SIZE_LIMIT_MAX_BYTES: nonNegativeInt.default(0),
  KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_MS: positiveInt.default(86_400_000),
  KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_GRACE_PERIOD_MS: nonNegativeInt.default(500),
  KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: bool.default('false'),
  KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_GLOBAL_PER_SEC: positiveInt.default(10_000),
  KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_BYTES_GLOBAL_PER_SEC: positiveInt.default(10_485_760),
  KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_PER_SEC: positiveInt.default(10_000),
  KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_BYTES_PER_SEC: positiveInt.default(10_485_760),
  KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_CACHE_EXPIRY_MS: positiveInt.default(3_600_000),
  KAFKA_REST_PRODUCER_ENABLE_IDEMPOTENCE: bool.default('true'),
  KAFKA_REST_PRODUCER_ACKS: z.enum(['all', '-1', '1', '0']).default('all'),
  KAFKA_REST_PRODUCER_MAX_REQUEST_SIZE: positiveInt.default(1_048_576),
  KAFKA_REST_PRODUCER_LINGER_MS: nonNegativeInt.default(0),
  KAFKA_REST_PRODUCER_RETRIES: nonNegativeInt.default(5),
  KAFKA_REST_PRODUCER_RETRY_BACKOFF_MS: nonNegativeInt.default(200),
  GATEWAY_PRODUCE_STREAM_MAX_PENDING_BYTES: positiveInt.default(8 * 1024 * 1024),
  GATEWAY_PRODUCE_IDEMPOTENCY_KEY_WINDOW_MS: nonNegativeInt.default(300_000),
  GATEWAY_PRODUCE_IDEMPOTENCY_KEY_MAX_ENTRIES: positiveInt.default(100_000),
};

type ProduceEnv = z.infer<z.ZodObject<typeof PRODUCE_ENV>>;

// Room for the rest of a record's JSON around its base64 value (key, headers, field names).
const RECORD_JSON_SLACK_BYTES = 1024 * 1024;

/**
 * The largest JSON text of one record the gateway reads: at least the body limit, and enough
 * for a value as large as the producer takes, base64-encoded (kafka-rest reads any size:
 * ProduceActionIntegrationTest produces 20 MB with max.request.size raised to match).
 */
export function maxRecordJsonBytes(bodyLimitBytes: number, maxRequestSize: number): number {
  return Math.max(bodyLimitBytes, Math.ceil(maxRequestSize / 3) * 4 + RECORD_JSON_SLACK_BYTES);
}

export interface ProduceConfig {
  records: RecordsOptions;
  producer: RecordProducerOptions;
}

export function produceConfig(e: ProduceEnv, bodyLimitBytes: number): ProduceConfig {
  const acks =
    e.KAFKA_REST_PRODUCER_ACKS === 'all' ? -1 : (Number(e.KAFKA_REST_PRODUCER_ACKS) as -1 | 0 | 1);
  return {
    records: {
      batchMaximumEntries: e.KAFKA_REST_API_V3_PRODUCE_BATCH_MAXIMUM_ENTRIES,
      requestSizeLimitMaxBytes: e.KAFKA_REST_API_V3_PRODUCE_REQUEST_SIZE_LIMIT_MAX_BYTES,
      maxRecordJsonBytes: maxRecordJsonBytes(
        bodyLimitBytes,
        e.KAFKA_REST_PRODUCER_MAX_REQUEST_SIZE,
      ),
      streamingMaxDurationMs: e.KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_MS,
      streamingGracePeriodMs: e.KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_GRACE_PERIOD_MS,
      streamingMaxPendingBytes: e.GATEWAY_PRODUCE_STREAM_MAX_PENDING_BYTES,
      rateLimit: {
        enabled: e.KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED,
        maxRequestsGlobalPerSec: e.KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_GLOBAL_PER_SEC,
        maxBytesGlobalPerSec: e.KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_BYTES_GLOBAL_PER_SEC,
        maxRequestsPerSec: e.KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_PER_SEC,
        maxBytesPerSec: e.KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_BYTES_PER_SEC,
        cacheExpiryMs: e.KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_CACHE_EXPIRY_MS,
      },
      idempotencyKeyWindowMs: e.GATEWAY_PRODUCE_IDEMPOTENCY_KEY_WINDOW_MS,
      idempotencyKeyMaxEntries: e.GATEWAY_PRODUCE_IDEMPOTENCY_KEY_MAX_ENTRIES,
    },
    producer: {
      // As in the Java client, idempotence needs acks=all; other acks turn it off.
      idempotent: e.KAFKA_REST_PRODUCER_ENABLE_IDEMPOTENCE && acks === -1,
      acks,
      maxRequestSize: e.KAFKA_REST_PRODUCER_MAX_REQUEST_SIZE,
      lingerMs: e.KAFKA_REST_PRODUCER_LINGER_MS,
      retries: e.KAFKA_REST_PRODUCER_RETRIES,
      retryDelayMs: e.KAFKA_REST_PRODUCER_RETRY_BACKOFF_MS,
      metadataMaxAgeMs: 5_000,
    },
  };
}
