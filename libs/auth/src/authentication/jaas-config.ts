import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The password file of a Confluent JAAS configuration (`-Djava.security.auth.login.config`):
 * the `file="..."` option of the PropertyFileLoginModule in the section named by
 * `authentication.realm`, for example
 * `KafkaRest { org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required file="/etc/pw"; };`
 */
export function passwordFileOfJaasConfig(text: string, realm: string, source: string): string {
  const section = new RegExp(`(?:^|[\\s;}])${escape(realm)}\\s*\\{([^}]*)\\}`, 'm').exec(
    stripComments(text),
  );
  if (section === null) {
    throw new Error(`${source}: no section named '${realm}' (authentication.realm)`);
  }
  const body = section[1];
  if (!/PropertyFileLoginModule\b/.test(body)) {
    throw new Error(`${source}: section '${realm}' must use Jetty's PropertyFileLoginModule`);
  }
  const file = /\bfile\s*=\s*"([^"]+)"/.exec(body)?.[1];
  if (file === undefined) {
    throw new Error(`${source}: PropertyFileLoginModule in '${realm}' has no file="..." option`);
  }
  return resolve(dirname(source), file);
}

export function readJaasConfig(path: string, realm: string): string {
  return passwordFileOfJaasConfig(readFileSync(path, 'utf8'), realm, path);
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*(\/\/|#).*$/gm, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
