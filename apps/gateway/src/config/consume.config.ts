import { z } from 'zod';
import type { ConsumeOptions } from '@gateway/consume';
import { bool, positiveInt } from './env-values';

/**
 * Consume settings: Confluent's v2 consumer properties under their KAFKA_REST_* names
 * (`consumer.instance.timeout.ms`, `consumer.request.timeout.ms`, `consumer.request.max.bytes`,
 * `id`), plus GATEWAY_* for what Confluent does not have.
 */
export const CONSUME_ENV = {
  KAFKA_REST_CONSUMER_INSTANCE_TIMEOUT_MS: positiveInt.default(300_000),
  KAFKA_REST_CONSUMER_REQUEST_TIMEOUT_MS: positiveInt.default(1_000),
  KAFKA_REST_CONSUMER_REQUEST_MAX_BYTES: positiveInt.default(64 * 1024 * 1024),
  KAFKA_REST_ID: z.string().default(''),
  GATEWAY_STREAM_HEARTBEAT_MS: positiveInt.default(15_000),
  GATEWAY_STREAM_POLL_MAX_RECORDS: positiveInt.default(5_000),
  GATEWAY_STREAM_POLL_MAX_BYTES: positiveInt.default(2 * 1024 * 1024),
  GATEWAY_STREAM_PARTITIONS_CHECK_MS: positiveInt.default(30_000),
  GATEWAY_V2_RECORD_METADATA: bool.default('true'),
  GATEWAY_V2_READ_AHEAD_IDLE_MS: positiveInt.default(5_000),
};

type ConsumeEnv = { [K in keyof typeof CONSUME_ENV]: z.output<(typeof CONSUME_ENV)[K]> } & {
  KAFKA_REST_CLIENT_ID: string;
};

export function consumeConfig(e: ConsumeEnv): ConsumeOptions {
  return {
    instanceTimeoutMs: e.KAFKA_REST_CONSUMER_INSTANCE_TIMEOUT_MS,
    requestTimeoutMs: e.KAFKA_REST_CONSUMER_REQUEST_TIMEOUT_MS,
    requestMaxBytes: e.KAFKA_REST_CONSUMER_REQUEST_MAX_BYTES,
    serverId: e.KAFKA_REST_ID,
    clientId: e.KAFKA_REST_CLIENT_ID,
    streamHeartbeatMs: e.GATEWAY_STREAM_HEARTBEAT_MS,
    streamPollMaxRecords: e.GATEWAY_STREAM_POLL_MAX_RECORDS,
    streamPollMaxBytes: e.GATEWAY_STREAM_POLL_MAX_BYTES,
    streamPartitionsCheckMs: e.GATEWAY_STREAM_PARTITIONS_CHECK_MS,
    v2RecordMetadata: e.GATEWAY_V2_RECORD_METADATA,
    readAheadIdleMs: e.GATEWAY_V2_READ_AHEAD_IDLE_MS,
  };
}
