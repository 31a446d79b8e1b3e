import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { HttpListeners } from '@gateway/auth';
import { loadConfig } from '../../../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../../../apps/gateway/src/create-app';

/** The real gateway on real loopback ports (every listener of `env`), as main.ts starts it. */
export async function startListeningApp(
  env: Record<string, string>,
  beforeInit: (fastify: FastifyInstance) => void = () => undefined,
): Promise<{ app: NestFastifyApplication; urls: string[] }> {
  const config = loadConfig({
    KAFKA_BOOTSTRAP_SERVERS: inject('kafkaBootstrap'),
    GATEWAY_LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createGatewayApp({
    ...config,
    bootstrapServers: config.bootstrapServers ?? [],
  });
  beforeInit(app.getHttpAdapter().getInstance());
  await app.init();
  const urls = await HttpListeners.listenAll(app.getHttpAdapter().getInstance());
  return { app, urls };
}
