import bcrypt from 'bcryptjs';
import { describe, expect, it, vi } from 'vitest';
import { BasicAuthenticator } from './basic-authenticator';
import { bcryptWorker } from './bcrypt-worker';
import { parseCredential } from './credentials';

const HASH = bcrypt.hashSync('s3cret', 4);

function authenticator(cacheTtlMs: number): BasicAuthenticator {
  return new BasicAuthenticator({
    users: new Map([['alice', { credential: parseCredential(HASH), roles: ['dev'] }]]),
    apiKeys: new Map(),
    cacheTtlMs,
  });
}

describe(BasicAuthenticator.name, () => {
  it('checks the right password and refuses a wrong one and an unknown user', async () => {
    const auth = authenticator(0);
    expect(await auth.authenticate('alice', 's3cret')).toMatchObject({ name: 'alice' });
    expect(await auth.authenticate('alice', 'wrong')).toBeUndefined();
    expect(await auth.authenticate('bob', 's3cret')).toBeUndefined();
  });

  it('runs bcrypt once per credentials within the TTL, for wrong passwords as for right ones', async () => {
    const compare = vi.spyOn(bcryptWorker, 'compare');
    try {
      const auth = authenticator(60_000);
      for (let i = 0; i < 3; i++) {
        expect(await auth.authenticate('alice', 'wrong')).toBeUndefined();
        expect(await auth.authenticate('alice', 's3cret')).toMatchObject({ name: 'alice' });
      }
      expect(compare).toHaveBeenCalledTimes(2);
    } finally {
      compare.mockRestore();
    }
  });

  it('checks every time with the cache off', async () => {
    const compare = vi.spyOn(bcryptWorker, 'compare');
    try {
      const auth = authenticator(0);
      await auth.authenticate('alice', 'wrong');
      await auth.authenticate('alice', 'wrong');
      expect(compare).toHaveBeenCalledTimes(2);
    } finally {
      compare.mockRestore();
    }
  });
});
