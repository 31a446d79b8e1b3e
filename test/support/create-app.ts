import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { loadConfig } from '../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/create-app';

/** The real gateway against the run's broker, ready for `app.inject` (no listening port). */
export async function createTestApp(
  env: Record<string, string> = {},
  logDestination?: DestinationStream,
): Promise<NestFastifyApplication> {
  const config = loadConfig({
    KAFKA_BOOTSTRAP_SERVERS: inject('kafkaBootstrap'),
    GATEWAY_LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createGatewayApp(
    { ...config, bootstrapServers: config.bootstrapServers ?? [] },
    logDestination,
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
