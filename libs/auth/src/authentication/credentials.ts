import { createHash, timingSafeEqual } from 'node:crypto';
import { bcryptWorker } from './bcrypt-worker';

/**
 * A stored password as Jetty's PropertyUserStore writes it (plain text, `MD5:<hex>`,
 * `OBF:<obfuscated>`), or a bcrypt hash (`$2b$...`, also with a `BCRYPT:` prefix), which is
 * what new files should use (`htpasswd -nbB user password` prints one).
 */
export type StoredCredential =
  | { scheme: 'plain'; value: string }
  | { scheme: 'md5'; hex: string }
  | { scheme: 'bcrypt'; hash: string };

const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

/** Parses one stored credential; throws for schemes we cannot check (Jetty's `CRYPT:`). */
export function parseCredential(text: string): StoredCredential {
  if (text.startsWith('MD5:')) {
    return { scheme: 'md5', hex: text.slice(4).toLowerCase() };
  }
  if (text.startsWith('OBF:')) {
    return { scheme: 'plain', value: deobfuscate(text) };
  }
  const hash = text.startsWith('BCRYPT:') ? text.slice(7) : text;
  if (BCRYPT.test(hash)) {
    return { scheme: 'bcrypt', hash };
  }
  if (text.startsWith('BCRYPT:')) {
    throw new Error('malformed BCRYPT: credential');
  }
  if (text.startsWith('CRYPT:')) {
    throw new Error('CRYPT: credentials are not supported; store a bcrypt hash instead');
  }
  return { scheme: 'plain', value: text };
}

export function isHashed(credential: StoredCredential): boolean {
  return credential.scheme === 'bcrypt';
}

/** Whether `password` matches; comparisons of secrets take constant time. */
export async function verifyCredential(
  credential: StoredCredential,
  password: string,
): Promise<boolean> {
  switch (credential.scheme) {
    case 'plain':
      return sameSecret(credential.value, password);
    case 'md5':
      return sameSecret(credential.hex, createHash('md5').update(password, 'latin1').digest('hex'));
    case 'bcrypt':
      return bcryptWorker.compare(password, credential.hash);
  }
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Jetty's `Password.deobfuscate` (OBF: is reversible encoding, not protection). */
export function deobfuscate(text: string): string {
  const s = text.startsWith('OBF:') ? text.slice(4) : text;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    if (s[i] === 'U') {
      i++;
      bytes.push(parseInt(s.slice(i, i + 4), 36) >> 8);
    } else {
      const value = parseInt(s.slice(i, i + 4), 36);
      const high = Math.floor(value / 256);
      const low = value % 256;
      bytes.push(Math.trunc((high + low - 254) / 2));
    }
  }
  return Buffer.from(bytes.map((b) => b & 0xff)).toString('utf8');
}

/** Jetty's `Password.obfuscate`, for tests and for users converting files. */
export function obfuscate(text: string): string {
  const b = [...Buffer.from(text, 'utf8')].map((x) => (x > 127 ? x - 256 : x));
  let out = 'OBF:';
  for (let i = 0; i < b.length; i++) {
    const b1 = b[i];
    const b2 = b[b.length - (i + 1)];
    if (b1 < 0 || b2 < 0) {
      const x = ((0xff & b1) * 256 + (0xff & b2)).toString(36);
      out += 'U0000'.slice(0, 5 - x.length) + x;
    } else {
      const x = ((127 + b1 + b2) * 256 + (127 + b1 - b2)).toString(36);
      out += '000'.slice(0, 4 - x.length) + x;
    }
  }
  return out;
}
