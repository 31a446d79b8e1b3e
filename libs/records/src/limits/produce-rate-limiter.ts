import { Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_LOG_CODES } from '@gateway/rest';
import { RECORDS_OPTIONS, RecordsOptions } from '../records.options';
import { FixedWindowLimiter } from './fixed-window-limiter';

interface ClusterLimiters {
  count: FixedWindowLimiter;
  bytes: FixedWindowLimiter;
  usedAt: number;
}

// kafka-rest's Caffeine caches of per-cluster limiters hold at most this many clusters.
const MAX_CLUSTERS = 10_000;

/**
 * kafka-rest's produce rate limits (`api.v3.produce.rate.limit.*`, ProduceRateLimiters), checked
 * per record in this order: global records/s, global bytes/s, then the cluster's records/s and
 * bytes/s; a check that passes keeps its permits even when a later one refuses. Bytes are the
 * record's JSON text. Each limiter is made at its first use (upstream's lazy providers and cache
 * loads), so its first 1 s window starts with the first record it sees. A cluster's limiters are
 * dropped after `cacheExpiryMs` unused (Caffeine expireAfterAccess); the next record gets new ones.
 */
@Injectable()
export class ProduceRateLimiter {
  private globalCount?: FixedWindowLimiter;
  private globalBytes?: FixedWindowLimiter;
  private readonly clusters = new Map<string, ClusterLimiters>();
  private lastSweep = performance.now();

  constructor(@Inject(RECORDS_OPTIONS) private readonly options: RecordsOptions) {}

  /**
   * Undefined when the record may go; else the request-log code of the limit that refused it
   * (429001-429004), and the record gets a 429 receipt.
   */
  refusal(clusterId: string, jsonBytes: number): number | undefined {
    const { rateLimit } = this.options;
    if (!rateLimit.enabled) {
      return undefined;
    }
    const now = performance.now();
    this.globalCount ??= new FixedWindowLimiter(rateLimit.maxRequestsGlobalPerSec, now);
    if (!this.globalCount.tryAcquire(1, now)) {
      return RATE_LIMIT_LOG_CODES.produceGlobalCount;
    }
    this.globalBytes ??= new FixedWindowLimiter(rateLimit.maxBytesGlobalPerSec, now);
    if (!this.globalBytes.tryAcquire(jsonBytes, now)) {
      return RATE_LIMIT_LOG_CODES.produceGlobalBytes;
    }
    const cluster = this.cluster(clusterId, now);
    if (!cluster.count.tryAcquire(1, now)) {
      return RATE_LIMIT_LOG_CODES.produceClusterCount;
    }
    return cluster.bytes.tryAcquire(jsonBytes, now)
      ? undefined
      : RATE_LIMIT_LOG_CODES.produceClusterBytes;
  }

  private cluster(clusterId: string, now: number): ClusterLimiters {
    const { rateLimit } = this.options;
    this.sweep(now);
    let limiters = this.clusters.get(clusterId);
    if (limiters !== undefined && now - limiters.usedAt > rateLimit.cacheExpiryMs) {
      limiters = undefined;
    }
    // Re-inserted on every use, so the map's first key is the least recently used one.
    this.clusters.delete(clusterId);
    if (limiters === undefined) {
      if (this.clusters.size >= MAX_CLUSTERS) {
        this.clusters.delete(this.clusters.keys().next().value as string);
      }
      limiters = {
        count: new FixedWindowLimiter(rateLimit.maxRequestsPerSec, now),
        bytes: new FixedWindowLimiter(rateLimit.maxBytesPerSec, now),
        usedAt: now,
      };
    }
    limiters.usedAt = now;
    this.clusters.set(clusterId, limiters);
    return limiters;
  }

  /** Drops expired clusters now and then, so limiters of clusters never seen again go too. */
  private sweep(now: number): void {
    const expiry = this.options.rateLimit.cacheExpiryMs;
    if (now - this.lastSweep <= expiry) {
      return;
    }
    this.lastSweep = now;
    for (const [id, limiters] of this.clusters) {
      if (now - limiters.usedAt <= expiry) {
        return; // the rest were used later
      }
      this.clusters.delete(id);
    }
  }
}
