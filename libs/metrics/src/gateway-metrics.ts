import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { ConnectionCount } from '@gateway/rest';
import { BoundedLabels } from './bounded-labels';
import { MetricsRegistry } from './metrics-registry';

const MAX_TOPIC_LABELS = 1_000;
const MAX_GROUP_LABELS = 500;
// Up to a minute: a Kafka request may take its whole 30 s timeout, and a slow one must show.
const SECONDS_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

// `endpoint` and `status_class` as Confluent's metrics name them (CONFLUENT-REST-NOTES.md §7).
const HTTP_LABELS = ['method', 'route', 'status', 'status_class', 'endpoint'] as const;
type HttpLabel = (typeof HTTP_LABELS)[number];

/** Jersey's status classes: 429 has its own, as rate limiting is told apart from other 4xx. */
function statusClass(status: number): string {
  if (status === 429) {
    return '429';
  }
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'unknown';
}

/**
 * The gateway's own metrics. Libraries record through these methods; names follow Prometheus
 * conventions (units in names, `_total` counters) and every label has a bounded set of values.
 */
@Injectable()
export class GatewayMetrics {
  private readonly topics = new BoundedLabels(MAX_TOPIC_LABELS);
  private readonly groups = new BoundedLabels(MAX_GROUP_LABELS);

  private readonly httpRequests: Counter<HttpLabel>;
  private readonly httpDuration: Histogram<HttpLabel>;
  private readonly producedRecords: Counter<'topic'>;
  private readonly producedBytes: Counter<'topic'>;
  private readonly produceErrors: Counter<'error_code'>;
  private readonly consumedRecords: Counter<'topic'>;
  private readonly consumerInstances: Gauge;
  private readonly streamingConnections: Gauge<'kind'>;
  private readonly kafkaRequestDuration: Histogram<'client' | 'api'>;
  private readonly kafkaRequestErrors: Counter<'client' | 'reason'>;
  private readonly groupLag: Gauge<'group' | 'topic' | 'partition'>;
  private readonly produceLatency: Histogram;
  private connections?: ConnectionCount;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.httpDuration = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request latency from receipt to the end of the response',
      labelNames: HTTP_LABELS,
      buckets: SECONDS_BUCKETS,
      registers,
    });
    const durations = this.httpDuration;
    this.httpRequests = new Counter({
      name: 'gateway_http_requests_total',
      help: 'HTTP requests by method, route template, status code and Confluent endpoint name',
      labelNames: HTTP_LABELS,
      registers,
      // The histogram counts every response already: copied at scrape time, not per request.
      async collect() {
        const { values } = await durations.get();
        this.reset();
        for (const v of values) {
          if (v.metricName === 'gateway_http_request_duration_seconds_count') {
            this.inc(v.labels as Record<HttpLabel, string>, v.value);
          }
        }
      },
    });
    this.producedRecords = new Counter({
      name: 'gateway_produced_records_total',
      help: 'Records acknowledged by Kafka, per topic',
      labelNames: ['topic'],
      registers,
    });
    this.producedBytes = new Counter({
      name: 'gateway_produced_bytes_total',
      help: 'Serialized key+value bytes of acknowledged records, per topic',
      labelNames: ['topic'],
      registers,
    });
    this.produceErrors = new Counter({
      name: 'gateway_produce_errors_total',
      help: 'Records that received an error receipt, by Confluent error code',
      labelNames: ['error_code'],
      registers,
    });
    this.consumedRecords = new Counter({
      name: 'gateway_consumed_records_total',
      help: 'Records delivered to HTTP clients, per topic',
      labelNames: ['topic'],
      registers,
    });
    this.consumerInstances = new Gauge({
      name: 'gateway_v2_consumer_instances',
      help: 'Live v2 consumer instances',
      registers,
    });
    this.streamingConnections = new Gauge({
      name: 'gateway_streaming_connections',
      help: 'Open streaming connections (produce streams, SSE and NDJSON consume streams)',
      labelNames: ['kind'],
      registers,
    });
    this.kafkaRequestDuration = new Histogram({
      name: 'gateway_kafka_request_duration_seconds',
      help: 'Kafka protocol request latency seen by the gateway clients',
      labelNames: ['client', 'api'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.kafkaRequestErrors = new Counter({
      name: 'gateway_kafka_request_errors_total',
      help: 'Kafka client request failures (timeouts, broken connections)',
      labelNames: ['client', 'reason'],
      registers,
    });
    this.produceLatency = new Histogram({
      name: 'gateway_produce_record_latency_seconds',
      help: 'Produced records: time from the gateway reading a record to Kafka acknowledging it',
      buckets: SECONDS_BUCKETS,
      registers,
    });
    // Read from the listeners' count at scrape time (see countConnections).
    const connections = (): ConnectionCount | undefined => this.connections;
    new Gauge({
      name: 'gateway_http_connections_active',
      help: 'Open HTTP client connections',
      registers,
      collect() {
        this.set(connections()?.active ?? 0);
      },
    });
    new Counter({
      name: 'gateway_http_connections_opened_total',
      help: 'HTTP client connections accepted since the gateway started',
      registers,
      collect() {
        this.reset();
        this.inc(connections()?.opened ?? 0);
      },
    });
    this.groupLag = new Gauge({
      name: 'gateway_consumer_group_lag_records',
      help: 'Consumer group lag (log end offset minus committed offset), refreshed on a schedule',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
  }

  /** `endpoint`: kafka-rest's metric name of the route (`v3.topics.list`), when it has one. */
  httpResponse(
    method: string,
    route: string,
    status: number,
    seconds: number,
    endpoint: string | undefined,
  ): void {
    const labels: Partial<Record<HttpLabel, string>> = {
      method,
      route,
      status: String(status),
      status_class: statusClass(status),
    };
    if (endpoint !== undefined) {
      labels.endpoint = endpoint;
    }
    this.httpDuration.observe(labels, seconds);
  }

  /** The HTTP listeners' connection count, reported at scrape time. */
  countConnections(count: ConnectionCount | undefined): void {
    this.connections = count;
  }

  /** One acknowledged record, `seconds` after the gateway read it (Confluent's per-record latency). */
  recordProduceLatency(seconds: number): void {
    this.produceLatency.observe(seconds);
  }

  recordsProduced(topic: string, records: number, bytes: number): void {
    const label = this.topics.label(topic);
    this.producedRecords.inc({ topic: label }, records);
    this.producedBytes.inc({ topic: label }, bytes);
  }

  recordProduceError(errorCode: number): void {
    this.produceErrors.inc({ error_code: String(errorCode) });
  }

  recordConsumed(topic: string, records: number): void {
    this.consumedRecords.inc({ topic: this.topics.label(topic) }, records);
  }

  consumerInstanceOpened(): void {
    this.consumerInstances.inc();
  }

  consumerInstanceClosed(): void {
    this.consumerInstances.dec();
  }

  /** Returns the function that closes what it opened, so a stream cannot be counted twice. */
  streamOpened(kind: 'produce' | 'sse' | 'ndjson'): () => void {
    this.streamingConnections.inc({ kind });
    let open = true;
    return () => {
      if (open) {
        open = false;
        this.streamingConnections.dec({ kind });
      }
    };
  }

  recordKafkaRequest(client: string, api: string, seconds: number): void {
    this.kafkaRequestDuration.observe({ client, api }, seconds);
  }

  recordKafkaRequestError(client: string, reason: string): void {
    this.kafkaRequestErrors.inc({ client, reason });
  }

  /** Replaces the whole lag picture at once, so groups that disappeared stop being exported. */
  setGroupLags(lags: { group: string; topic: string; partition: number; lag: number }[]): void {
    this.groupLag.reset();
    // Groups and topics past the label caps share the `__other__` series: their lags add up.
    const summed = new Map<string, { labels: Record<string, string>; lag: number }>();
    for (const l of lags) {
      const labels = {
        group: this.groups.label(l.group),
        topic: this.topics.label(l.topic),
        partition: String(l.partition),
      };
      const key = `${labels.group}\u0000${labels.topic}\u0000${labels.partition}`;
      const entry = summed.get(key);
      if (entry === undefined) {
        summed.set(key, { labels, lag: l.lag });
      } else {
        entry.lag += l.lag;
      }
    }
    for (const { labels, lag } of summed.values()) {
      this.groupLag.set(labels, lag);
    }
  }
}
