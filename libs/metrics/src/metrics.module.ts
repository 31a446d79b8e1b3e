import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { GatewayMetrics } from './gateway-metrics';
import { registerHttpMetrics } from './http-metrics.hook';
import { KafkaClientMetrics } from './kafka-client-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';

/** Owns the prom-client registry, the HTTP and Kafka client metrics, and `GET /metrics`. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, GatewayMetrics, KafkaClientMetrics],
  exports: [GatewayMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    registerHttpMetrics(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.metrics);
  }
}
