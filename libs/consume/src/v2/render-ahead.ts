import { ConsumedRecord, PollConsumer } from '@gateway/kafka';

type Render = (records: ConsumedRecord[]) => string | Buffer;

/**
 * Renders a v2 consumer's next GET records answer while its client is still reading the last
 * one: once the poll's prefetch has landed, the records the next poll will return
 * (PollConsumer.peek) are rendered, and a poll that returns exactly those records sends that
 * body. Rendering and the client's parsing then overlap instead of taking turns. A rendered
 * body is used only for the identical records, so a seek, a rebalance or another max_bytes
 * just renders anew.
 */
export class RenderAhead {
  private page: { records: ConsumedRecord[]; body: string | Buffer } | undefined;

  constructor(private readonly render: Render) {}

  /** The body of a poll's records: rendered ahead if these are the records it was for. */
  body(records: ConsumedRecord[]): string | Buffer {
    const page = this.page;
    this.page = undefined;
    return page !== undefined && sameRecords(page.records, records)
      ? page.body
      : this.render(records);
  }

  /** Forgets the page rendered ahead (an idle instance's memory). */
  clear(): void {
    this.page = undefined;
  }

  /**
   * After a poll has been answered: renders the next page once its records are fetched,
   * unless another request of the instance is running by then (it renders what it takes).
   */
  renderNext(consumer: PollConsumer, maxBytes: number, idle: () => boolean): void {
    void consumer.fetched().then(() =>
      setImmediate(() => {
        if (!idle()) {
          return;
        }
        const records = consumer.peek({ maxBytes });
        if (records.length === 0) {
          return;
        }
        try {
          this.page = { records, body: this.render(records) };
        } catch {
          // A record the format cannot render: the poll that takes it answers the error.
        }
      }),
    );
  }
}

function sameRecords(a: ConsumedRecord[], b: ConsumedRecord[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
