import type { GatewayMetrics } from '@gateway/metrics';
import type { PollConsumer } from '@gateway/kafka';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONSUME_OPTIONS } from '../consume.options';
import { ConsumerInstance } from './consumer-instance';
import { ConsumerRegistry } from './consumer-registry';

const metrics = {
  consumerInstanceOpened: () => undefined,
  consumerInstanceClosed: () => undefined,
} as unknown as GatewayMetrics;

/** Only what the registry's sweeper touches: the instance's lifecycle, not Kafka. */
function fakeConsumer() {
  return {
    releaseFetched: vi.fn(),
    close: vi.fn(() => Promise.resolve()),
  };
}

describe('ConsumerRegistry sweeper', () => {
  let registry: ConsumerRegistry | undefined;
  afterEach(async () => {
    await registry?.onModuleDestroy();
  });

  function registryWith(consumer: ReturnType<typeof fakeConsumer>) {
    registry = new ConsumerRegistry(
      { ...DEFAULT_CONSUME_OPTIONS, instanceTimeoutMs: 60_000, readAheadIdleMs: 100 },
      metrics,
    );
    const instance = new ConsumerInstance(
      'group',
      'instance',
      'binary',
      consumer as unknown as PollConsumer,
      {},
      true,
    );
    registry.add(instance);
    return instance;
  }

  it('drops the read-ahead of an instance idle past readAheadIdleMs, and keeps the instance', async () => {
    const consumer = fakeConsumer();
    registryWith(consumer);
    await vi.waitFor(() => expect(consumer.releaseFetched).toHaveBeenCalled(), { timeout: 2_000 });
    expect(consumer.close).not.toHaveBeenCalled();
    expect(registry?.has('group', 'instance')).toBe(true);
  });

  it('leaves the read-ahead of an instance whose request is running', async () => {
    const consumer = fakeConsumer();
    const instance = registryWith(consumer);
    let finish = () => undefined as void;
    const running = instance.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await new Promise((r) => setTimeout(r, 500));
    expect(consumer.releaseFetched).not.toHaveBeenCalled();
    finish();
    await running;
  });
});
