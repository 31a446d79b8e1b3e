/** Prometheus metrics: the registry, HTTP and Kafka client metrics, and the gateway's own. */
export { MetricsModule } from './metrics.module';
export { GatewayMetrics } from './gateway-metrics';
export { GroupLagCollector } from './group-lag-collector';
export { MetricsOptions } from './metrics.options';
