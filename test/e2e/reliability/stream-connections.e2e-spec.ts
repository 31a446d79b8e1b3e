import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenTestApp, ListeningApp } from '../../support/listening-app';
import { StreamingClient } from '../../support/streaming-client';
import { TestContext } from '../../support/test-context';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const record = (data: string) => JSON.stringify({ value: { type: 'STRING', data } });

/**
 * A streaming produce that the gateway ends while the client is still sending (the maximum
 * duration passed, a record was too large) must close the connection: otherwise a client that
 * never stops holds a socket whose body nobody reads, and a graceful shutdown waits for it.
 */
describe('reliability: streaming produce connections the gateway ends', () => {
  let gw: ListeningApp;
  let ctx: TestContext;

  beforeAll(async () => {
    gw = await listenTestApp({
      KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_MS: '500',
      KAFKA_REST_STREAMING_CONNECTION_MAX_DURATION_GRACE_PERIOD_MS: '200',
      KAFKA_REST_API_V3_PRODUCE_REQUEST_SIZE_LIMIT_MAX_BYTES: '2000',
    });
    ctx = new TestContext(gw.app);
  });
  afterAll(async () => {
    await gw.app.close();
  });

  function connections(): Promise<number> {
    return new Promise((resolve, reject) =>
      gw.app
        .getHttpServer()
        .getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
  }

  async function untilNoConnection(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let count = await connections();
    while (count > 0 && Date.now() < deadline) {
      await sleep(50);
      count = await connections();
    }
    return count;
  }

  /** Writes a record every 10 ms until stopped; returns the stop function. */
  function keepSending(client: StreamingClient): () => void {
    let stopped = false;
    void (async () => {
      for (let i = 0; !stopped; i++) {
        client.write(record(`r${i}`));
        await sleep(10);
      }
    })();
    return () => (stopped = true);
  }

  it('closes the connection after the last receipt when the maximum duration has passed', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const client = new StreamingClient(
      gw.baseUrl,
      `/v3/clusters/${clusterId}/topics/${topic}/records`,
    );
    const stop = keepSending(client);
    try {
      const result = await client.finished();
      expect(result.status).toBe(200);
      expect(client.receipts.at(-1)).toEqual({
        error_code: 408,
        message: 'Streaming connection open for longer than allowed: Connection will be closed.',
      });
      expect(await untilNoConnection(5_000)).toBe(0);
    } finally {
      stop();
      client.destroy();
    }
  });

  it('closes the connection after the 400 receipt of a record over the size limit', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const client = new StreamingClient(
      gw.baseUrl,
      `/v3/clusters/${clusterId}/topics/${topic}/records`,
    );
    client.write(record('small'));
    client.write(record('x'.repeat(5_000)));
    const stop = keepSending(client);
    try {
      await client.finished();
      expect(client.receipts.at(-1)).toEqual({
        error_code: 400,
        message:
          'Bad Request: Error processing message: Produce request size is larger than allowed threshold',
      });
      expect(await untilNoConnection(5_000)).toBe(0);
    } finally {
      stop();
      client.destroy();
    }
  });
});
