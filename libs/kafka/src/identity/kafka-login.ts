import { createProtocolAdmin, parseHostPort } from '../kafka-clients';
import { KafkaError, toKafkaError } from '../kafka-errors';
import type { KafkaOptions } from '../kafka.options';

/**
 * Logs in once with the caller's credentials, so a refused SASL login answers as what it is
 * (AUTHENTICATION_FAILED, HTTP 401) rather than as the unreachable broker the clients report
 * when every connection attempt fails.
 */
export async function verifyKafkaLogin(options: KafkaOptions): Promise<void> {
  const admin = createProtocolAdmin(options);
  try {
    await admin.connections.getFirstAvailable(options.bootstrapServers.map(parseHostPort));
  } catch (error) {
    if (isAuthenticationFailure(error)) {
      throw new KafkaError('AUTHENTICATION_FAILED', 'Kafka refused the credentials.', false);
    }
    throw toKafkaError(error);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

interface ErrorShape {
  name?: string;
  code?: string;
  apiId?: string;
  errors?: unknown[];
  cause?: unknown;
}

function isAuthenticationFailure(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 6) {
    return false;
  }
  const shape = error as ErrorShape;
  if (
    shape.code === 'PLT_KFK_AUTHENTICATION' ||
    shape.apiId === 'SASL_AUTHENTICATION_FAILED' ||
    shape.name === 'KafkaJSSASLAuthenticationError'
  ) {
    return true;
  }
  return [...(shape.errors ?? []), shape.cause].some((inner) =>
    isAuthenticationFailure(inner, depth + 1),
  );
}
