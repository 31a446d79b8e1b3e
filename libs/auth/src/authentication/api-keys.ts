import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseCredential, StoredCredential } from './credentials';

export interface ApiKeyEntry {
  secret: StoredCredential;
  /** Who the key acts for (a user or service account name), as authorization rules name it. */
  principal: string;
  roles: string[];
}

const ApiKeysFile = z.object({
  api_keys: z.array(
    z
      .object({
        key: z.string().min(1),
        secret: z.string().min(1),
        principal: z.string().min(1),
        roles: z.array(z.string()).default([]),
      })
      .strict(),
  ),
});

/**
 * API keys used as Basic credentials (key as user name, secret as password), like Confluent
 * Cloud: `{"api_keys": [{"key": "...", "secret": "<bcrypt hash>", "principal": "svc-orders"}]}`.
 */
export function parseApiKeys(text: string, source = 'API keys file'): Map<string, ApiKeyEntry> {
  const parsed = ApiKeysFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const keys = new Map<string, ApiKeyEntry>();
  for (const entry of parsed.data.api_keys) {
    if (keys.has(entry.key)) {
      throw new Error(`${source}: API key '${entry.key}' appears twice`);
    }
    keys.set(entry.key, {
      secret: parseCredential(entry.secret),
      principal: entry.principal,
      roles: entry.roles,
    });
  }
  return keys;
}

export function readApiKeys(path: string): Map<string, ApiKeyEntry> {
  return parseApiKeys(readFileSync(path, 'utf8'), path);
}
