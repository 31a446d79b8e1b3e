/** Prometheus metrics: the registry, HTTP and Kafka client metrics, and the gateway's own. */
export { MetricsModule } from './metrics.module';
export { GatewayMetrics } from './gateway-metrics';
