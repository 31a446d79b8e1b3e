import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ShutdownSignal } from '@gateway/rest';

// Closing the Kafka clients commits and leaves groups: a broker that hangs would hold each of
// those requests for its whole timeout, and the process with them.
const KAFKA_CLOSE_LIMIT_MS = 10_000;

/**
 * Graceful stop: tell streams to wind down, stop accepting connections, give in-flight requests
 * `graceMs` to finish (then cut what is left), and only then close the Kafka clients (for at
 * most KAFKA_CLOSE_LIMIT_MS), so every request that got an answer had its records acknowledged
 * first.
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
  let limit: NodeJS.Timeout | undefined;
  const cut = new Promise<boolean>((resolve) => {
    limit = setTimeout(() => resolve(true), KAFKA_CLOSE_LIMIT_MS);
  });
  try {
    if (await Promise.race([app.close().then(() => false), cut])) {
      console.warn(
        `Kafka clients did not close within ${KAFKA_CLOSE_LIMIT_MS} ms (a broker not answering?): stopping without them`,
      );
    }
  } finally {
    clearTimeout(limit);
  }
}
