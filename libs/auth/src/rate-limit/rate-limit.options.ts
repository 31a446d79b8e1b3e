/** Confluent's admin API limiter (`rate.limit.*`), plus a per-principal limit of ours. */
export interface RateLimitOptions {
  /** `rate.limit.permits.per.sec`: the whole gateway's admin requests per second. */
  permitsPerSecond: number;
  /** `rate.limit.per.cluster.permits.per.sec`: requests naming one cluster id, per second. */
  perClusterPermitsPerSecond: number;
  /** Per principal (per client IP without authentication); 0: no per-principal limit. */
  perPrincipalPermitsPerSecond: number;
  /** `rate.limit.default.cost`. */
  defaultCost: number;
  /** `rate.limit.costs`: resource name or `prefix.*` -> cost; 0 exempts the endpoint. */
  costs: Record<string, number>;
}
