import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { inject } from 'vitest';
import { loadConfig } from '../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/create-app';

export interface Route {
  method: string;
  /** As registered, with find-my-way's `::` (a literal colon) read back as `:`. */
  url: string;
}

/**
 * The gateway, initialised, with every route Fastify registered for it (HEAD and OPTIONS, which
 * Fastify and CORS add on their own, left out). The caller closes the app.
 */
export async function registeredRoutes(
  env: Record<string, string> = {},
): Promise<{ app: NestFastifyApplication; routes: Route[] }> {
  const config = loadConfig({
    KAFKA_BOOTSTRAP_SERVERS: inject('kafkaBootstrap'),
    GATEWAY_LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createGatewayApp({
    ...config,
    bootstrapServers: config.bootstrapServers ?? [],
  });
  const routes: Route[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && method !== 'OPTIONS') {
          routes.push({ method, url: route.url.replace(/::/g, ':') });
        }
      }
    });
  await app.init();
  return { app, routes };
}
