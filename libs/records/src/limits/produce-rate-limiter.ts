import { Inject, Injectable } from '@nestjs/common';
import { RECORDS_OPTIONS, RecordsOptions } from '../records.options';
import { TokenBucket } from './token-bucket';

interface ClusterBuckets {
  count: TokenBucket;
  bytes: TokenBucket;
  usedAt: number;
}

/**
 * kafka-rest's produce rate limits (`api.v3.produce.rate.limit.*`), checked per record in this
 * order: global records/s, global bytes/s, then the cluster's records/s and bytes/s. Bytes are
 * the record's JSON text. Per-cluster buckets are dropped after `cacheExpiryMs` unused.
 */
@Injectable()
export class ProduceRateLimiter {
  private readonly globalCount?: TokenBucket;
  private readonly globalBytes?: TokenBucket;
  private readonly clusters = new Map<string, ClusterBuckets>();
  private lastSweep = Date.now();

  constructor(@Inject(RECORDS_OPTIONS) private readonly options: RecordsOptions) {
    const { rateLimit } = options;
    if (rateLimit.enabled) {
      this.globalCount = new TokenBucket(rateLimit.maxRequestsGlobalPerSec, Date.now());
      this.globalBytes = new TokenBucket(rateLimit.maxBytesGlobalPerSec, Date.now());
    }
  }

  /** True when the record may go; false means a 429 receipt. */
  tryAcquire(clusterId: string, jsonBytes: number): boolean {
    if (this.globalCount === undefined || this.globalBytes === undefined) {
      return true;
    }
    const now = Date.now();
    if (!this.globalCount.tryTake(1, now) || !this.globalBytes.tryTake(jsonBytes, now)) {
      return false;
    }
    const cluster = this.cluster(clusterId, now);
    return cluster.count.tryTake(1, now) && cluster.bytes.tryTake(jsonBytes, now);
  }

  private cluster(clusterId: string, now: number): ClusterBuckets {
    const { rateLimit } = this.options;
    if (now - this.lastSweep > rateLimit.cacheExpiryMs) {
      this.lastSweep = now;
      for (const [id, buckets] of this.clusters) {
        if (now - buckets.usedAt > rateLimit.cacheExpiryMs) {
          this.clusters.delete(id);
        }
      }
    }
    let buckets = this.clusters.get(clusterId);
    if (buckets === undefined) {
      buckets = {
        count: new TokenBucket(rateLimit.maxRequestsPerSec, now),
        bytes: new TokenBucket(rateLimit.maxBytesPerSec, now),
        usedAt: now,
      };
      this.clusters.set(clusterId, buckets);
    }
    buckets.usedAt = now;
    return buckets;
  }
}
