import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from './gateway-metrics';
import { MetricsRegistry } from './metrics-registry';

describe('GatewayMetrics.setGroupLags', () => {
  it('adds up the lags of the groups past the label cap in their shared __other__ series', async () => {
    const registry = new MetricsRegistry();
    const metrics = new GatewayMetrics(registry);
    // 500 groups get their own label; the next three share __other__.
    const lags = Array.from({ length: 503 }, (_, i) => ({
      group: `g${i}`,
      topic: 't',
      partition: 0,
      lag: i < 500 ? 1 : 10,
    }));
    metrics.setGroupLags(lags);
    const text = await registry.render();
    expect(text).toContain(
      'gateway_consumer_group_lag_records{group="__other__",topic="t",partition="0"} 30',
    );
    expect(text).toContain(
      'gateway_consumer_group_lag_records{group="g0",topic="t",partition="0"} 1',
    );
  });
});
