import { Injectable, OnModuleInit } from '@nestjs/common';
import { KafkaInstrumentation } from '@gateway/kafka';
import { GatewayMetrics } from './gateway-metrics';

/** Feeds Kafka client instrumentation (request latency, timeouts, acknowledged records) into the metrics. */
@Injectable()
export class KafkaClientMetrics implements OnModuleInit {
  constructor(
    private readonly instrumentation: KafkaInstrumentation,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    this.instrumentation.onRequest((e) =>
      this.metrics.recordKafkaRequest(e.client, e.api, e.durationMs / 1000),
    );
    this.instrumentation.onRequestError((e) =>
      this.metrics.recordKafkaRequestError(e.client, e.reason),
    );
    this.instrumentation.onRecordsProduced((topic, records, bytes) =>
      this.metrics.recordsProduced(topic, records, bytes),
    );
  }
}
