import { describe, expect, it } from 'vitest';
import { KafkaError } from '../kafka-errors';
import { topicsMatching } from './topic-pattern';

describe(topicsMatching.name, () => {
  it('matches whole names, sorted', () => {
    expect(topicsMatching('orders-.*', ['orders-b', 'x-orders-a', 'orders-a'])).toEqual([
      'orders-a',
      'orders-b',
    ]);
  });

  it('gives up on a pattern that backtracks catastrophically, instead of holding the process', () => {
    const started = Date.now();
    let refused: unknown;
    try {
      topicsMatching('(.?){40}!', ['orders-topic-with-a-long-name']);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(KafkaError);
    expect((refused as KafkaError).kind).toBe('BAD_REQUEST');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
