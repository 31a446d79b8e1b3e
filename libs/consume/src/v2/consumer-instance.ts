import { PollConsumer } from '@gateway/kafka';
import { v2RecordsBody } from './consumer-records.mapper';
import { RenderAhead } from './render-ahead';
import { EmbeddedFormat } from './v2-media';

/** What a create request set for the instance itself (kafka-rest's per-instance config). */
export interface InstanceSettings {
  /** `consumer.request.timeout.ms`, when given: the longest a GET records waits. */
  requestTimeoutMs?: number;
  /** `fetch.min.bytes`, when on (not -1): the key + value bytes a GET records waits for. */
  responseMinBytes?: number;
}

/**
 * One v2 consumer instance: its Kafka consumer, format and idle clock. Requests on one instance
 * run one at a time (a poll and a seek never interleave), as in kafka-rest.
 */
export class ConsumerInstance {
  private tail: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private lastUsed = Date.now();
  /** Aborted when the instance is deleted or expires: a poll waiting then returns at once. */
  private readonly closing = new AbortController();
  /** GET records bodies (binary and json: schema formats decode asynchronously). */
  readonly pages: RenderAhead;

  constructor(
    readonly group: string,
    readonly name: string,
    readonly format: EmbeddedFormat,
    readonly consumer: PollConsumer,
    readonly settings: InstanceSettings,
    /** Records carry our `timestamp` and `headers` (ConsumeOptions.v2RecordMetadata). */
    recordMetadata: boolean,
  ) {
    this.pages = new RenderAhead((records) => v2RecordsBody(records, format, recordMetadata));
  }

  /** No request of the instance is running or waiting. */
  get idle(): boolean {
    return this.busy === 0;
  }

  /** Runs `operation` after the instance's previous operations; keeps the instance alive. */
  run<T>(operation: (consumer: PollConsumer) => Promise<T>): Promise<T> {
    this.busy += 1;
    this.lastUsed = Date.now();
    const result = this.tail.then(() => operation(this.consumer));
    // Settles to nothing: the chain must not hold the last answer (a page can be tens of MiB).
    this.tail = result
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.busy -= 1;
        this.lastUsed = Date.now();
      });
    return result;
  }

  /** What ends a poll early: the instance closing, or `disconnected` (its client went away). */
  pollSignal(disconnected: AbortSignal): AbortSignal {
    return AbortSignal.any([this.closing.signal, disconnected]);
  }

  /** Closes the consumer once the running request ends; a poll in flight ends at once. */
  close(): Promise<void> {
    this.closing.abort();
    return this.run((consumer) => consumer.close());
  }

  /**
   * Drops what was fetched and rendered ahead for the next poll, unless a request is running:
   * after a backlog that is tens of MiB an idle instance would hold until it expires.
   */
  releaseReadAhead(): void {
    if (this.busy === 0) {
      this.pages.clear();
      this.consumer.releaseFetched();
    }
  }

  idleFor(now: number): number {
    return this.busy > 0 ? 0 : now - this.lastUsed;
  }
}
