import { assertUsableSecurity } from '../connection-security';
import { createProtocolAdmin, parseHostPort } from '../kafka-clients';
import { toKafkaError } from '../kafka-errors';
import type { KafkaOptions } from '../kafka.options';

/**
 * Logs in once with the caller's credentials, so a refused SASL login answers as what it is
 * (AUTHENTICATION_FAILED, HTTP 401) before a client set is built for them.
 */
export async function verifyKafkaLogin(options: KafkaOptions): Promise<void> {
  assertUsableSecurity(options.security);
  const admin = createProtocolAdmin(options);
  try {
    await admin.connections.getFirstAvailable(options.bootstrapServers.map(parseHostPort));
  } catch (error) {
    throw toKafkaError(error);
  } finally {
    await admin.close().catch(() => undefined);
  }
}
