import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shutdownGracefully } from './shutdown';

/** An app whose HTTP side closes at once and whose Kafka clients close when `kafkaClosed` does. */
function fakeApp(kafkaClosed: Promise<void>) {
  const drain = vi.fn();
  const app = {
    get: () => ({ drain }),
    getHttpAdapter: () => ({
      getInstance: () => ({
        server: { closeAllConnections: vi.fn() },
        close: () => Promise.resolve(),
      }),
    }),
    close: () => kafkaClosed,
  };
  return { app: app as unknown as NestFastifyApplication, drain };
}

describe(shutdownGracefully.name, () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('stops waiting for Kafka clients that do not close within 10 s (a hung broker)', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { app, drain } = fakeApp(new Promise(() => undefined));
    let done = false;
    const stopping = shutdownGracefully(app, 5_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(9_900);
    expect([drain.mock.calls.length, done]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(200);
    await stopping;
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/did not close within 10000 ms/));
  });

  it('returns as soon as the Kafka clients are closed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await shutdownGracefully(fakeApp(Promise.resolve()).app, 5_000);
    expect(warn).not.toHaveBeenCalled();
  });
});
