import type { INestApplicationContext } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KafkaOptions } from '../kafka.options';
import { KafkaClientPool } from './kafka-client-pool';

const BASE: KafkaOptions = {
  bootstrapServers: ['127.0.0.1:9092'],
  clientId: 'gw',
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 1_000,
};

function fakeFactory() {
  const made: { options: KafkaOptions; closed: boolean }[] = [];
  const factory = (options: KafkaOptions) => {
    const entry = { options, closed: false };
    made.push(entry);
    return Promise.resolve({
      close: () => {
        entry.closed = true;
        return Promise.resolve();
      },
    } as unknown as INestApplicationContext);
  };
  return { made, factory };
}

/** An (unsigned) JWT expiring at `exp`: the pool reads the claim, the authenticator verified it. */
function jwt(exp: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ sub: 'svc', exp })}.`;
}

describe(KafkaClientPool.name, () => {
  afterEach(() => vi.useRealTimers());

  it("builds one client set per principal with the caller's SASL credentials", async () => {
    const { made, factory } = fakeFactory();
    const pool = new KafkaClientPool(
      BASE,
      { mechanism: 'scram-sha-256', maxClients: 5, idleMs: 60_000 },
      factory,
    );
    const a1 = await pool.forPrincipal({ username: 'alice', password: 'p' });
    const a2 = await pool.forPrincipal({ username: 'alice', password: 'p' });
    await pool.forPrincipal({ username: 'alice', password: 'changed' });
    expect(a1).toBe(a2);
    expect(made.map((m) => m.options.security?.sasl)).toEqual([
      { mechanism: 'scram-sha-256', username: 'alice', password: 'p' },
      { mechanism: 'scram-sha-256', username: 'alice', password: 'changed' },
    ]);
    expect(made[0].options.identity).toBeUndefined();
    await pool.close();
  });

  it('logs a bearer principal in with OAUTHBEARER and the newest of its tokens, on one client set', async () => {
    const { made, factory } = fakeFactory();
    const pool = new KafkaClientPool(
      { ...BASE, security: { sasl: { mechanism: 'plain', username: 'gw', password: 'gw' } } },
      { mechanism: 'scram-sha-256', maxClients: 5, idleMs: 60_000 },
      factory,
    );
    const first = jwt(1_000);
    const later = jwt(2_000);
    const a1 = await pool.forPrincipal({ username: 'svc', token: first });
    const a2 = await pool.forPrincipal({ username: 'svc', token: later });
    expect(a1).toBe(a2);
    expect(made).toHaveLength(1);
    const security = made[0].options.security!;
    expect(security.sasl).toBeUndefined();
    expect(security.bearerToken?.()).toBe(later);
    // A stream started with the older token runs as the caller again: the newer one stays.
    expect(pool.optionsFor({ username: 'svc', token: first })).toBe(made[0].options);
    expect(security.bearerToken?.()).toBe(later);
    await pool.close();
  });

  it("keeps the gateway's TLS but none of its own SASL or OAUTHBEARER settings", async () => {
    const { made, factory } = fakeFactory();
    const tls = { ca: 'CA', checkHostname: true };
    const oauthBearer = { tokenEndpointUrl: 'http://idp/token', clientId: 'gw', clientSecret: 's' };
    const pool = new KafkaClientPool(
      { ...BASE, security: { tls, oauthBearer } },
      { mechanism: 'plain', maxClients: 5, idleMs: 60_000 },
      factory,
    );
    await pool.forPrincipal({ username: 'a', password: 'x' });
    expect(made[0].options.security).toEqual({
      tls,
      sasl: { mechanism: 'plain', username: 'a', password: 'x' },
    });
    await pool.close();
  });

  it('gives consumers the options of the principal without building a client set', async () => {
    const { made, factory } = fakeFactory();
    const pool = new KafkaClientPool(
      BASE,
      { mechanism: 'plain', maxClients: 5, idleMs: 60_000 },
      factory,
    );
    const options = pool.optionsFor({ username: 'a', password: 'x' });
    expect(options.security?.sasl).toEqual({ mechanism: 'plain', username: 'a', password: 'x' });
    expect(made).toHaveLength(0);
    await pool.forPrincipal({ username: 'a', password: 'x' });
    expect(made[0].options).toBe(options);
    await pool.close();
  });

  it('closes the least recently used principal past maxClients', async () => {
    const { made, factory } = fakeFactory();
    const pool = new KafkaClientPool(
      BASE,
      { mechanism: 'plain', maxClients: 2, idleMs: 60_000 },
      factory,
    );
    await pool.forPrincipal({ username: 'a', password: 'x' });
    await pool.forPrincipal({ username: 'b', password: 'x' });
    await pool.forPrincipal({ username: 'a', password: 'x' }); // a is now the most recent
    await pool.forPrincipal({ username: 'c', password: 'x' });
    await new Promise((r) => setImmediate(r));
    expect(made.map((m) => [m.options.security?.sasl?.username, m.closed])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    expect(pool.size).toBe(2);
    await pool.close();
    expect(made.every((m) => m.closed)).toBe(true);
  });

  it('closes the clients of a principal idle for longer than idleMs', async () => {
    vi.useFakeTimers();
    const { made, factory } = fakeFactory();
    const pool = new KafkaClientPool(
      BASE,
      { mechanism: 'plain', maxClients: 5, idleMs: 4_000 },
      factory,
    );
    await pool.forPrincipal({ username: 'a', password: 'x' });
    await vi.advanceTimersByTimeAsync(3_000);
    await pool.forPrincipal({ username: 'b', password: 'x' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(made.map((m) => m.closed)).toEqual([true, false]);
    expect(pool.size).toBe(1);
    await pool.close();
  });

  it('forgets a client set that could not be built, so the next call tries again', async () => {
    let calls = 0;
    const pool = new KafkaClientPool(
      BASE,
      { mechanism: 'plain', maxClients: 5, idleMs: 60_000 },
      () => (++calls === 1 ? Promise.reject(new Error('refused')) : fakeFactory().factory(BASE)),
    );
    await expect(pool.forPrincipal({ username: 'a', password: 'x' })).rejects.toThrow('refused');
    await expect(pool.forPrincipal({ username: 'a', password: 'x' })).resolves.toBeDefined();
    expect(calls).toBe(2);
    await pool.close();
  });
});
