export interface MetricsOptions {
  /** How often consumer-group lag gauges are recomputed; 0 turns them off. */
  lagRefreshMs: number;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
