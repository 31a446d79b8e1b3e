import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { createTestApp } from './create-app';

export interface ListeningApp {
  app: NestFastifyApplication;
  port: number;
  baseUrl: string;
}

/**
 * The real gateway on a real loopback port (for streaming clients, SSE and restarts); `env`
 * overrides the configuration, e.g. KAFKA_BOOTSTRAP_SERVERS for a cluster of the test's own.
 */
export async function listenTestApp(env: Record<string, string> = {}): Promise<ListeningApp> {
  const app = await createTestApp(env);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, port, baseUrl: `http://127.0.0.1:${port}` };
}
