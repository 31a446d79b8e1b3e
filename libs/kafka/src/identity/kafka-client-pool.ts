import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { KafkaOptions } from '../kafka.options';
import type { KafkaCallerCredentials, KafkaIdentityOptions } from './kafka-caller';

/** Builds a principal's own set of Kafka clients (a small Nest container of libs/kafka). */
export type ClientSetFactory = (options: KafkaOptions) => Promise<INestApplicationContext>;

interface Entry {
  /** The principal's connection options; every client made for the principal uses them. */
  options: KafkaOptions;
  /** For a bearer principal: its newest token, which the clients' token callback reads. */
  token?: { value: string; expiresAt: number };
  /** Built on the first admin/produce/read call, not for consumers (they only need options). */
  clients?: Promise<INestApplicationContext>;
  lastUsed: number;
}

/**
 * Kafka connection options and clients per principal, so Kafka's own authentication and ACLs
 * apply to each caller: at most `maxClients` principals at once (least recently used closed
 * first), each closed after `idleMs` unused. A Basic principal is keyed by name and password
 * digest (a changed password gets new clients); a bearer principal by name only, and its
 * clients log in with the newest token seen, so a refreshed token does not build new clients.
 */
export class KafkaClientPool {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly base: KafkaOptions,
    private readonly identity: KafkaIdentityOptions,
    private readonly createClients: ClientSetFactory,
  ) {
    this.sweeper = setInterval(() => this.evictIdle(), Math.max(1_000, identity.idleMs / 4));
    this.sweeper.unref();
  }

  /** The options a client made for this caller connects with (consumers keep them for life). */
  optionsFor(caller: KafkaCallerCredentials): KafkaOptions {
    return this.entryFor(caller).options;
  }

  /** The principal's clients, resolved like the gateway's: `get(TopicAdmin)` and so on. */
  async forPrincipal(caller: KafkaCallerCredentials): Promise<INestApplicationContext> {
    const entry = this.entryFor(caller);
    if (entry.clients === undefined) {
      const clients = this.createClients(entry.options);
      entry.clients = clients;
      // Forget a set that could not be built, so the next call tries again.
      clients.catch(() => {
        if (entry.clients === clients) {
          entry.clients = undefined;
        }
      });
    }
    return entry.clients;
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((e) => closeClients(e)));
  }

  private entryFor(caller: KafkaCallerCredentials): Entry {
    const key = keyOf(caller);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      this.makeRoom();
      entry = this.newEntry(caller);
    } else if ('token' in caller) {
      keepNewest(entry, caller.token);
    }
    // Re-insert so the Map's order stays least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.lastUsed = Date.now();
    return entry;
  }

  private newEntry(caller: KafkaCallerCredentials): Entry {
    // The gateway's TLS settings, without its own SASL credentials.
    const transport = { tls: this.base.security?.tls };
    if ('password' in caller) {
      const sasl = { mechanism: this.identity.mechanism, ...caller };
      return {
        options: { ...this.base, identity: undefined, security: { ...transport, sasl } },
        lastUsed: Date.now(),
      };
    }
    const token = { value: caller.token, expiresAt: expiryOf(caller.token) };
    const bearerToken = () => token.value;
    return {
      options: { ...this.base, identity: undefined, security: { ...transport, bearerToken } },
      token,
      lastUsed: Date.now(),
    };
  }

  private makeRoom(): void {
    while (this.entries.size >= this.identity.maxClients) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldestKey);
      void closeClients(oldest);
    }
  }

  private evictIdle(): void {
    const cutoff = Date.now() - this.identity.idleMs;
    for (const [key, entry] of this.entries) {
      if (entry.lastUsed < cutoff) {
        this.entries.delete(key);
        void closeClients(entry);
      }
    }
  }
}

function keyOf(caller: KafkaCallerCredentials): string {
  if ('token' in caller) {
    return `bearer\u0000${caller.username}`;
  }
  const digest = createHash('sha256').update(caller.password).digest('hex');
  return `basic\u0000${caller.username}\u0000${digest}`;
}

/** A stream started with an older token may run as the caller later: keep the newest one. */
function keepNewest(entry: Entry, token: string): void {
  if (entry.token === undefined || entry.token.value === token) {
    return; // the usual case, on every routed call: no JWT to decode again
  }
  const expiresAt = expiryOf(token);
  if (expiresAt >= entry.token.expiresAt) {
    entry.token.value = token;
    entry.token.expiresAt = expiresAt;
  }
}

/** The JWT's `exp` in seconds (already verified by the authenticator), 0 when it has none. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : 0;
  } catch {
    return 0;
  }
}

async function closeClients(entry: Entry): Promise<void> {
  try {
    await (await entry.clients)?.close();
  } catch {
    // A set that never connected has nothing to close.
  }
}
