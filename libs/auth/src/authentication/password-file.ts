import { readFileSync } from 'node:fs';
import { parse } from 'dot-properties';
import { parseCredential, StoredCredential } from './credentials';

export interface UserEntry {
  credential: StoredCredential;
  roles: string[];
}

/**
 * Jetty's PropertyUserStore file, the one Confluent's `PropertyFileLoginModule` reads:
 * `user: credential[,role1,role2...]`, a Java properties file. The credential may be plain text,
 * `MD5:`, `OBF:` or a bcrypt hash; throws with the offending line for anything else.
 */
export function parsePasswordFile(text: string, source = 'password file'): Map<string, UserEntry> {
  const users = new Map<string, UserEntry>();
  for (const [user, value] of Object.entries(parse(text))) {
    if (typeof value !== 'string') {
      continue;
    }
    const [credential, ...roles] = value.split(',').map((part) => part.trim());
    if (credential === '') {
      throw new Error(`${source}: user '${user}' has no password`);
    }
    try {
      users.set(user, {
        credential: parseCredential(credential),
        roles: roles.filter((r) => r !== ''),
      });
    } catch (error) {
      throw new Error(`${source}: user '${user}': ${(error as Error).message}`);
    }
  }
  return users;
}

export function readPasswordFile(path: string): Map<string, UserEntry> {
  return parsePasswordFile(readFileSync(path, 'utf8'), path);
}
