import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { connectionCountOf } from '@gateway/rest';
import { GatewayMetrics } from './gateway-metrics';
import { GroupLagCollector } from './group-lag-collector';
import { registerHttpMetrics } from './http-metrics.hook';
import { KafkaClientMetrics } from './kafka-client-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { METRICS_OPTIONS, MetricsOptions } from './metrics.options';

/** Owns the prom-client registry, the HTTP and Kafka client metrics, and `GET /metrics`. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, GatewayMetrics, KafkaClientMetrics, GroupLagCollector],
  exports: [GatewayMetrics, GroupLagCollector],
})
export class MetricsModule implements OnModuleInit {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: METRICS_OPTIONS, useValue: options }],
    };
  }

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    registerHttpMetrics(fastify, this.metrics);
    this.metrics.countConnections(connectionCountOf(fastify));
  }
}
