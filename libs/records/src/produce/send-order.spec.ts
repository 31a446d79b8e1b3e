import { describe, expect, it } from 'vitest';
import { preparesSlowly, SendOrder } from './send-order';

describe(SendOrder.name, () => {
  it('gives no turn to records prepared synchronously while nothing is pending', () => {
    const order = new SendOrder();
    expect(order.enter('t', false).previous).toBeUndefined();
    expect(order.enter('t', false).previous).toBeUndefined();
  });

  it('makes later records of the topic wait until the slow record before them is sent', async () => {
    const order = new SendOrder();
    const sent: string[] = [];
    const slow = order.enter('t', true);
    const fast = order.enter('t', false);
    const other = order.enter('u', false);
    expect(slow.previous).toBeUndefined();
    expect(other.previous).toBeUndefined();
    const fastSent = fast.previous!.then(() => {
      sent.push('fast');
      fast.done();
    });
    await Promise.resolve();
    sent.push('slow');
    slow.done();
    await fastSent;
    expect(sent).toEqual(['slow', 'fast']);
    expect(order.enter('t', false).previous).toBeUndefined();
  });

  it('keeps waiting for an earlier record even when a middle one finishes first', async () => {
    const order = new SendOrder();
    const first = order.enter('t', true);
    const second = order.enter('t', true);
    const third = order.enter('t', false);
    let thirdReleased = false;
    void third.previous!.then(() => (thirdReleased = true));
    second.done();
    await new Promise((r) => setImmediate(r));
    expect(thirdReleased).toBe(false);
    first.done();
    await new Promise((r) => setImmediate(r));
    expect(thirdReleased).toBe(true);
  });
});

describe(preparesSlowly.name, () => {
  it('is true for schema types and typeless data, false for BINARY, JSON, STRING', () => {
    expect(preparesSlowly({ value: { type: 'JSON' }, key: { type: 'BINARY' } })).toBe(false);
    expect(preparesSlowly({})).toBe(false);
    expect(preparesSlowly({ value: {} })).toBe(true);
    expect(preparesSlowly({ key: { type: 'AVRO' } })).toBe(true);
  });
});
