import { GatewayMetrics } from '@gateway/metrics';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConsumerStateError, PollConsumer } from '@gateway/kafka';
import { CONSUME_OPTIONS, ConsumeOptions } from '../consume.options';
import { ConsumeErrors } from '../shared/consume-errors';
import { ConsumerInstance } from './consumer-instance';

/**
 * The v2 consumer instances of this process. Instances idle for longer than
 * `consumer.instance.timeout.ms` are closed (leaving their group, freeing their connections).
 */
@Injectable()
export class ConsumerRegistry implements OnModuleDestroy {
  private readonly logger = new Logger('ConsumerRegistry');
  private readonly instances = new Map<string, ConsumerInstance>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @Inject(CONSUME_OPTIONS) private readonly options: ConsumeOptions,
    private readonly metrics: GatewayMetrics,
  ) {
    const shortest = Math.min(options.instanceTimeoutMs, options.readAheadIdleMs);
    const every = Math.max(50, Math.min(1_000, Math.floor(shortest / 4)));
    this.sweeper = setInterval(() => void this.expireIdle(), every);
    this.sweeper.unref();
  }

  get size(): number {
    return this.instances.size;
  }

  add(instance: ConsumerInstance): void {
    const k = key(instance.group, instance.name);
    if (this.instances.has(k)) {
      throw ConsumeErrors.alreadyExists();
    }
    this.instances.set(k, instance);
    this.metrics.consumerInstanceOpened();
  }

  has(group: string, name: string): boolean {
    return this.instances.has(key(group, name));
  }

  get(group: string, name: string): ConsumerInstance {
    const instance = this.instances.get(key(group, name));
    if (instance === undefined) {
      throw ConsumeErrors.instanceNotFound();
    }
    return instance;
  }

  /** Runs `op` on the instance's consumer; a state the Java client refuses is 409/40903. */
  runOn<T>(group: string, name: string, op: (c: PollConsumer) => Promise<T>): Promise<T> {
    return this.get(group, name)
      .run(op)
      .catch((error: unknown) => {
        throw error instanceof ConsumerStateError
          ? ConsumeErrors.illegalState(error.message)
          : error;
      });
  }

  async remove(group: string, name: string): Promise<void> {
    const instance = this.get(group, name);
    this.instances.delete(key(group, name));
    this.metrics.consumerInstanceClosed();
    await instance.close();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.instances.values()];
    this.instances.clear();
    await Promise.allSettled(all.map((i) => i.close()));
  }

  private async expireIdle(): Promise<void> {
    const now = Date.now();
    for (const [k, instance] of this.instances) {
      const idle = instance.idleFor(now);
      if (idle >= this.options.readAheadIdleMs) {
        instance.releaseReadAhead();
      }
      if (idle >= this.options.instanceTimeoutMs) {
        this.instances.delete(k);
        this.metrics.consumerInstanceClosed();
        await instance.close().catch((error: unknown) => {
          this.logger.warn(`Closing expired consumer ${instance.name}: ${String(error)}`);
        });
      }
    }
  }
}

function key(group: string, name: string): string {
  return `${group}\u0000${name}`;
}
