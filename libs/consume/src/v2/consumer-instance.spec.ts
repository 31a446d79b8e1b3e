import type { PollConsumer } from '@gateway/kafka';
import { describe, expect, it } from 'vitest';
import { ConsumerInstance } from './consumer-instance';

const instance = () =>
  new ConsumerInstance('group', 'instance', 'binary', {} as PollConsumer, {}, true);

describe('ConsumerInstance', () => {
  it('runs requests one at a time, in order', async () => {
    const consumer = instance();
    const order: string[] = [];
    const slow = consumer.run(async () => {
      await new Promise((r) => setTimeout(r, 50));
      order.push('slow');
    });
    const fast = consumer.run(() => Promise.resolve(order.push('fast')));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['slow', 'fast']);
  });

  // The chain of requests settled to the last one's answer, so an idle instance held its last
  // GET records body (16 MiB after a backlog) until it expired.
  it('keeps no answer alive once it is sent', async () => {
    const consumer = instance();
    const failed = consumer.run(() => Promise.reject(new Error('refused')));
    await expect(failed).rejects.toThrow('refused');
    const page = { body: Buffer.alloc(1024) };
    expect(await consumer.run(() => Promise.resolve(page))).toBe(page);
    const tail = (consumer as unknown as { tail: Promise<unknown> }).tail;
    expect(await tail).toBeUndefined();
    expect(consumer.idle).toBe(true);
  });
});
