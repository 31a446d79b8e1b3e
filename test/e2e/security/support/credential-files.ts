import { mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { obfuscate } from '@gateway/auth';

export interface CredentialFiles {
  passwordFile: string;
  jaasConfig: string;
  apiKeysFile: string;
}

/** Low bcrypt cost: the tests check the scheme, not its strength. */
export const hash = (password: string): string => bcrypt.hashSync(password, 4);

/**
 * A Jetty/Confluent password file with every credential scheme (bcrypt, MD5, OBF, plain),
 * a JAAS config naming it under the realm `KafkaRest`, and an API keys file.
 */
export function writeCredentialFiles(
  extraUsers: Record<string, { password: string; roles?: string[] }> = {},
): CredentialFiles {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-auth-'));
  const md5 = createHash('md5').update('bob-secret').digest('hex');
  const extra = Object.entries(extraUsers).map(
    ([user, { password, roles = [] }]) => `${user}: ${[hash(password), ...roles].join(',')}`,
  );
  const passwordFile = join(dir, 'password.properties');
  writeFileSync(
    passwordFile,
    [
      '# Jetty PropertyUserStore format: user: credential[,role...]',
      `alice: ${hash('alice-secret')},admin,developer`,
      `bob: MD5:${md5},developer`,
      `carol: ${obfuscate('carol-secret')}, guest`,
      'dave: dave-secret',
      ...extra,
    ].join('\n'),
  );
  const jaasConfig = join(dir, 'rest-jaas.properties');
  writeFileSync(
    jaasConfig,
    [
      'KafkaRest {',
      '  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required',
      '  debug="true"',
      `  file="${passwordFile}";`,
      '};',
    ].join('\n'),
  );
  const apiKeysFile = join(dir, 'api-keys.json');
  writeFileSync(
    apiKeysFile,
    JSON.stringify({
      api_keys: [{ key: 'ORDERSKEY1', secret: hash('orders-api-secret'), principal: 'svc-orders' }],
    }),
  );
  return { passwordFile, jaasConfig, apiKeysFile };
}

export function basic(user: string, password: string): { authorization: string } {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
