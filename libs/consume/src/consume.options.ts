/** Tuning of the consume data plane; built by the app from its configuration. */
export interface ConsumeOptions {
  /** `consumer.instance.timeout.ms`: an idle v2 instance is closed after this long. */
  instanceTimeoutMs: number;
  /** `consumer.request.timeout.ms`: how long a read waits for records when not told. */
  requestTimeoutMs: number;
  /** `consumer.request.max.bytes`: the most key + value bytes one read returns. */
  requestMaxBytes: number;
  /** `id`: the server id used in generated v2 instance names. */
  serverId: string;
  /** Kafka client id prefix of the consumers. */
  clientId: string;
  /** Idle SSE/NDJSON streams get a heartbeat this often. */
  streamHeartbeatMs: number;
  /**
   * Records and key + value bytes one stream takes per poll: what one open stream holds in
   * memory at most, and how much it writes at once (larger: faster streams, more memory).
   */
  streamPollMaxRecords: number;
  streamPollMaxBytes: number;
  /** How often a stream without a group looks for partitions added to its topic. */
  streamPartitionsCheckMs: number;
  /**
   * v2 records carry `timestamp` and `headers` beyond Confluent's fields; off for clients whose
   * JSON mapper refuses unknown fields (a Java client with FAIL_ON_UNKNOWN_PROPERTIES).
   */
  v2RecordMetadata: boolean;
  /**
   * A v2 instance idle this long drops the records it fetched and rendered ahead for its next
   * read (that read fetches them again), so idle instances hold little memory.
   */
  readAheadIdleMs: number;
}

export const CONSUME_OPTIONS = Symbol('CONSUME_OPTIONS');

export const DEFAULT_CONSUME_OPTIONS: ConsumeOptions = {
  instanceTimeoutMs: 300_000,
  requestTimeoutMs: 1_000,
  requestMaxBytes: 64 * 1024 * 1024,
  serverId: '',
  clientId: 'kafka-http-gateway',
  streamHeartbeatMs: 15_000,
  streamPollMaxRecords: 5_000,
  streamPollMaxBytes: 2 * 1024 * 1024,
  streamPartitionsCheckMs: 30_000,
  v2RecordMetadata: true,
  readAheadIdleMs: 5_000,
};
