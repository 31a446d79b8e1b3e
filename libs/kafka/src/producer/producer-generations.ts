import { Producer } from '@platformatic/kafka';
import { BatchProducerStamp, NO_PRODUCER_STAMP } from './record-batch';

/** What InitProducerId gave an idempotent producer. */
interface ProducerIdentity {
  producerId: bigint;
  producerEpoch: number;
}

/** One Kafka producer instance and the sends still running on it. */
export class ProducerHandle {
  inFlight = 0;
  retired = false;
  /** The idempotent producer's id and epoch, once InitProducerId answered. */
  identity?: ProducerIdentity;
  /** The next sequence number per topic-partition (idempotent producer). */
  private readonly sequences = new Map<string, number>();

  /** Resolves once the idempotent producer has its producer id (InitProducerId). */
  readonly ready: Promise<void>;
  /** InitProducerId failed (e.g. before the principal had any WRITE ACL). */
  initFailed = false;

  constructor(
    readonly producer: Producer,
    identity: Promise<ProducerIdentity | undefined>,
  ) {
    this.ready = identity.then((id) => {
      this.identity = id;
    });
    // The send waiting on it fails (and replaces it); a later send gets a new one (acquire).
    this.ready.catch(() => {
      this.initFailed = true;
    });
  }

  /** The stamp of the next batch of `partitionKey`; a non-idempotent producer has none. */
  stamp(partitionKey: string): BatchProducerStamp {
    if (this.identity === undefined) {
      return NO_PRODUCER_STAMP;
    }
    return { ...this.identity, baseSequence: this.sequences.get(partitionKey) ?? 0 };
  }

  /** Kafka stored `records` more of the partition: the next batch continues the sequence. */
  advance(partitionKey: string, records: number): void {
    if (this.identity !== undefined) {
      // Sequence numbers wrap at 2^31 (the Java producer does the same).
      const next = (this.sequences.get(partitionKey) ?? 0) + records;
      this.sequences.set(partitionKey, next % 2 ** 31);
    }
  }
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

  /**
   * The current producer, for a send. One whose InitProducerId failed before this send came is
   * replaced first: that failure's cause (a missing WRITE ACL, say) may be fixed by now, and
   * only a failure of this send's own producer may fail its records.
   */
  acquire(): ProducerHandle {
    if (this.current.initFailed) {
      this.replace(this.current);
    }
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
