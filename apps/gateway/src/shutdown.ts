import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ShutdownSignal } from '@gateway/rest';

/**
 * Graceful stop: tell streams to wind down, stop accepting connections, give in-flight requests
 * `graceMs` to finish (then cut what is left), and only then close the Kafka clients, so every
 * request that got an answer had its records acknowledged first.
 */
export async function shutdownGracefully(
  app: NestFastifyApplication,
  graceMs: number,
): Promise<void> {
  app.get(ShutdownSignal).drain();
  const fastify = app.getHttpAdapter().getInstance();
  const deadline = setTimeout(() => fastify.server.closeAllConnections(), graceMs);
  try {
    await fastify.close();
  } finally {
    clearTimeout(deadline);
  }
  await app.close();
}
