import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The caller's own Kafka credentials, for identity propagation: an HTTP Basic password (SASL
 * PLAIN/SCRAM) or an OIDC bearer token (SASL/OAUTHBEARER), under the principal's name.
 */
export type KafkaCallerCredentials =
  { username: string; password: string } | { username: string; token: string };

/** How identity propagation connects: the SASL mechanism and the bounds of the client pool. */
export interface KafkaIdentityOptions {
  /** The mechanism for callers with a password; callers with a token use OAUTHBEARER. */
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  /** At most this many principals have clients at once; the least recently used is closed. */
  maxClients: number;
  /** A principal's clients are closed after this long without a request. */
  idleMs: number;
}

const caller = new AsyncLocalStorage<KafkaCallerCredentials>();

/**
 * Runs `fn` (and everything it starts) as the caller: Kafka calls made inside go to Kafka with
 * these credentials instead of the gateway's own, when identity propagation is configured.
 */
export function runAsKafkaCaller<T>(credentials: KafkaCallerCredentials, fn: () => T): T {
  return caller.run(credentials, fn);
}

export function currentKafkaCaller(): KafkaCallerCredentials | undefined {
  return caller.getStore();
}
