import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { KafkaOptions } from '../kafka.options';
import type { KafkaCallerCredentials, KafkaIdentityOptions } from './kafka-caller';

/** Builds a principal's own set of Kafka clients (a small Nest container of libs/kafka). */
export type ClientSetFactory = (options: KafkaOptions) => Promise<INestApplicationContext>;

interface Entry {
  clients: Promise<INestApplicationContext>;
  lastUsed: number;
}

/**
 * Kafka clients per principal, so Kafka's own authentication and ACLs apply to each caller: at
 * most `maxClients` principals at once (least recently used closed first), each closed after
 * `idleMs` unused. A changed password gets new clients (the key includes its digest).
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

  /** The principal's clients, resolved like the gateway's: `get(TopicAdmin)` and so on. */
  async forPrincipal(credentials: KafkaCallerCredentials): Promise<INestApplicationContext> {
    const key = `${credentials.username}\u0000${createHash('sha256').update(credentials.password).digest('hex')}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      this.makeRoom();
      const clients = this.createClients({
        ...this.base,
        identity: undefined,
        security: {
          ...this.base.security,
          sasl: { mechanism: this.identity.mechanism, ...credentials },
        },
      });
      entry = { clients, lastUsed: Date.now() };
      this.entries.set(key, entry);
      clients.catch(() => this.entries.delete(key));
    }
    // Re-insert so the Map's order stays least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.lastUsed = Date.now();
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

async function closeClients(entry: Entry): Promise<void> {
  try {
    await (await entry.clients).close();
  } catch {
    // A set that never connected has nothing to close.
  }
}
