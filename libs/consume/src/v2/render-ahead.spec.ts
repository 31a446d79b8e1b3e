import { describe, expect, it } from 'vitest';
import { ConsumedRecord, PollConsumer } from '@gateway/kafka';
import { RenderAhead } from './render-ahead';

const record = (offset: number): ConsumedRecord => ({
  topic: 't',
  partition: 0,
  offset,
  timestamp: 0,
  timestampType: 'CREATE_TIME',
  key: null,
  value: Buffer.from('v'),
  headers: [],
});

/** The two PollConsumer methods RenderAhead uses: what is fetched is what peek returns. */
function fetchedRecords(next: ConsumedRecord[]): PollConsumer {
  return { peek: () => next, fetched: () => Promise.resolve() } as unknown as PollConsumer;
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

describe('RenderAhead', () => {
  it('answers with the page rendered ahead only for exactly its records', async () => {
    const renders: number[][] = [];
    const pages = new RenderAhead((records) => {
      renders.push(records.map((r) => r.offset));
      return `page ${records.map((r) => r.offset).join(',')}`;
    });
    const next = [record(3), record(4)];
    pages.renderNext(fetchedRecords(next), 100, () => true);
    await settle();
    expect(renders).toEqual([[3, 4]]);
    expect(pages.body([...next])).toBe('page 3,4');
    expect(renders).toEqual([[3, 4]]);

    pages.renderNext(fetchedRecords(next), 100, () => true);
    await settle();
    // Same offsets, other records (fetched again after a seek): rendered anew.
    expect(pages.body([record(3), record(4)])).toBe('page 3,4');
    expect(renders).toHaveLength(3);
    // Used once: nothing is left for a later poll.
    expect(pages.body(next)).toBe('page 3,4');
    expect(renders).toHaveLength(4);
  });

  it('renders nothing while another request of the instance runs, or when nothing is fetched', async () => {
    let rendered = 0;
    const pages = new RenderAhead(() => `page ${++rendered}`);
    pages.renderNext(fetchedRecords([record(0)]), 100, () => false);
    pages.renderNext(fetchedRecords([]), 100, () => true);
    await settle();
    expect(rendered).toBe(0);
  });

  it('leaves a record it cannot render to the poll that takes it', async () => {
    const pages = new RenderAhead(() => {
      throw new Error('not JSON');
    });
    pages.renderNext(fetchedRecords([record(0)]), 100, () => true);
    await settle();
    expect(() => pages.body([record(0)])).toThrow('not JSON');
  });
});
