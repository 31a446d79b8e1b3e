import { Connection, metadataV12 } from '@platformatic/kafka';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaInstrumentation, type KafkaRequestErrorEvent } from './instrumentation';

/** A "broker" that accepts connections and never answers (a hung one), or closes them. */
async function silentBroker(onSocket: (socket: Socket) => void = () => undefined) {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = (): Promise<void> => {
    sockets.forEach((s) => s.destroy());
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return { stop, port: (server.address() as { port: number }).port };
}

describe(KafkaInstrumentation.name, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  async function failedRequest(
    onSocket?: (socket: Socket) => void,
  ): Promise<KafkaRequestErrorEvent[]> {
    const instrumentation = new KafkaInstrumentation();
    const errors: KafkaRequestErrorEvent[] = [];
    instrumentation.onRequestError((e) => errors.push(e));
    const { stop, port } = await silentBroker(onSocket);
    const connection = new Connection('instrumentation-test', { requestTimeout: 200 });
    cleanups.push(stop, () => Promise.resolve(instrumentation.onModuleDestroy()));
    await connection.connect('127.0.0.1', port);
    await expect(metadataV12.api.async(connection, [], false, false)).rejects.toThrow();
    return errors;
  }

  it('counts a request that timed out (the library publishes nothing for it)', async () => {
    expect(await failedRequest()).toEqual([{ client: 'protocol', reason: 'timeout' }]);
  });

  it('counts a request whose connection closed before the answer', async () => {
    const errors = await failedRequest((socket) => socket.once('data', () => socket.destroy()));
    expect(errors).toEqual([{ client: 'protocol', reason: 'error' }]);
  });
});
