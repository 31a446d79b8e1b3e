import { Producer } from '@platformatic/kafka';

/** One Kafka producer instance and the sends still running on it. */
export class ProducerHandle {
  inFlight = 0;
  retired = false;

  constructor(
    readonly producer: Producer,
    /** Resolves once the idempotent producer has its producer id (InitProducerId). */
    readonly ready: Promise<void>,
  ) {}
}

/**
 * The current producer and its retired predecessors. After an error whose outcome is unknown
 * (timeout, lost connection, out-of-order sequence, fenced epoch) the idempotent producer's
 * sequence numbers can no longer be trusted, so it is replaced: the next batches get a new
 * producer id, while sends already running on the old one finish (and settle) before it closes.
 */
export class ProducerGenerations {
  private current: ProducerHandle;
  private readonly retired = new Set<ProducerHandle>();

  constructor(private readonly create: () => ProducerHandle) {
    this.current = create();
  }

  acquire(): ProducerHandle {
    const handle = this.current;
    handle.inFlight++;
    return handle;
  }

  release(handle: ProducerHandle): void {
    handle.inFlight--;
    if (handle.retired && handle.inFlight === 0) {
      this.closeRetired(handle);
    }
  }

  /** Replaces `failed` if it is still the current producer (several batches may report it). */
  replace(failed: ProducerHandle): void {
    if (failed !== this.current) {
      return;
    }
    failed.retired = true;
    this.retired.add(failed);
    this.current = this.create();
    if (failed.inFlight === 0) {
      this.closeRetired(failed);
    }
  }

  async closeAll(): Promise<void> {
    const all = [this.current, ...this.retired];
    this.retired.clear();
    await Promise.allSettled(all.map((h) => closeQuietly(h.producer)));
  }

  private closeRetired(handle: ProducerHandle): void {
    this.retired.delete(handle);
    void closeQuietly(handle.producer);
  }
}

function closeQuietly(producer: Producer): Promise<void> {
  return new Promise((resolve) => producer.close(true, () => resolve()));
}
