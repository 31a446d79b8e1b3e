import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { BcryptWorker } from './bcrypt-worker';

const HASH = bcrypt.hashSync('s3cret', 4);

describe(BcryptWorker.name, () => {
  it('compares as bcryptjs does, on its thread', async () => {
    const worker = new BcryptWorker();
    expect(await worker.compare('s3cret', HASH)).toBe(true);
    expect(await worker.compare('s3cret ', HASH)).toBe(false);
    expect(await worker.compare('s3cret', '$2b$04$not-a-hash')).toBe(false);
  });

  it('refuses checks beyond 64 waiting with 429, and still answers the others', async () => {
    const worker = new BcryptWorker();
    const checks = Array.from({ length: 70 }, () =>
      worker.compare('s3cret', HASH).then(
        (ok) => ({ ok }),
        (error: { status?: number }) => ({ status: error.status }),
      ),
    );
    const outcomes = await Promise.all(checks);
    expect(outcomes.filter((o) => 'ok' in o && o.ok)).toHaveLength(64);
    expect(outcomes.slice(64)).toEqual(Array(6).fill({ status: 429 }));
    expect(await worker.compare('s3cret', HASH)).toBe(true);
  });
});
