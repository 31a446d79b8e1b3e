import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { deobfuscate, obfuscate, parseCredential, verifyCredential } from './credentials';

describe(parseCredential.name, () => {
  // Jetty's documented example: `Password me you` prints these two forms of "you".
  it('reads Jetty OBF: and MD5: credentials', async () => {
    expect(deobfuscate('OBF:20771x1b206z')).toBe('you');
    const md5 = parseCredential('MD5:639bae9ac6b3e1a84cebb7b403297b79');
    expect(await verifyCredential(md5, 'you')).toBe(true);
    expect(await verifyCredential(md5, 'me')).toBe(false);
  });

  it('reads bcrypt hashes with and without the BCRYPT: prefix', async () => {
    const hash = bcrypt.hashSync('s3cret', 4);
    for (const text of [hash, `BCRYPT:${hash}`]) {
      const credential = parseCredential(text);
      expect(credential.scheme).toBe('bcrypt');
      expect(await verifyCredential(credential, 's3cret')).toBe(true);
      expect(await verifyCredential(credential, 's3cret ')).toBe(false);
    }
  });

  it('treats anything else as a plain-text password, as Jetty does', async () => {
    const credential = parseCredential('plain-pass');
    expect(await verifyCredential(credential, 'plain-pass')).toBe(true);
    expect(await verifyCredential(credential, 'plain')).toBe(false);
  });

  it('refuses CRYPT: credentials it cannot check', () => {
    expect(() => parseCredential('CRYPT:me/ks90E221EY')).toThrow(/not supported/);
  });
});

describe(obfuscate.name, () => {
  it('is the inverse of deobfuscate, also for non-ASCII text', () => {
    for (const text of ['you', 'blah', 'pässwörd', '']) {
      expect(deobfuscate(obfuscate(text))).toBe(text);
    }
    expect(obfuscate('you')).toBe('OBF:20771x1b206z');
  });
});
