import { PollConsumer } from '@gateway/kafka';
import { v2RecordsBody } from './consumer-records.mapper';
import { RenderAhead } from './render-ahead';
import { EmbeddedFormat } from './v2-media';

/**
 * One v2 consumer instance: its Kafka consumer, format and idle clock. Requests on one instance
 * run one at a time (a poll and a seek never interleave), as in kafka-rest.
 */
export class ConsumerInstance {
  private tail: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private lastUsed = Date.now();
  /** GET records bodies (binary and json: schema formats decode asynchronously). */
  readonly pages: RenderAhead;

  constructor(
    readonly group: string,
    readonly name: string,
    readonly format: EmbeddedFormat,
    readonly consumer: PollConsumer,
    /** `consumer.request.timeout.ms` of this instance, when given at creation. */
    readonly requestTimeoutMs: number | undefined,
  ) {
    this.pages = new RenderAhead((records) => v2RecordsBody(records, format));
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
    this.tail = result
      .catch(() => undefined)
      .finally(() => {
        this.busy -= 1;
        this.lastUsed = Date.now();
      });
    return result;
  }

  idleFor(now: number): number {
    return this.busy > 0 ? 0 : now - this.lastUsed;
  }
}
