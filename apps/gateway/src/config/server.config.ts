import { readFileSync } from 'node:fs';
import type { SecureVersion } from 'node:tls';
import { z } from 'zod';
import type { ClientAuthentication, ListenerAddress, ServerOptions } from '@gateway/auth';
import { nonNegativeInt, positiveInt } from './env-values';

/**
 * HTTP server settings: Confluent's `ssl.*` server TLS names (PEM only), `idle.timeout.ms` and
 * `max.request.header.size`, plus GATEWAY_TLS_* (PEM key and certificate as separate files) and
 * the slow-client timers Confluent does not have.
 */
export const SERVER_ENV = {
  KAFKA_REST_SSL_KEYSTORE_LOCATION: z.string().optional(),
  KAFKA_REST_SSL_KEYSTORE_TYPE: z.string().optional(),
  KAFKA_REST_SSL_KEY_PASSWORD: z.string().optional(),
  KAFKA_REST_SSL_TRUSTSTORE_LOCATION: z.string().optional(),
  KAFKA_REST_SSL_TRUSTSTORE_TYPE: z.string().optional(),
  KAFKA_REST_SSL_CLIENT_AUTHENTICATION: z.enum(['NONE', 'REQUESTED', 'REQUIRED']).optional(),
  // Deprecated in Confluent: `ssl.client.auth=true` means REQUIRED.
  KAFKA_REST_SSL_CLIENT_AUTH: z.enum(['true', 'false']).optional(),
  KAFKA_REST_SSL_ENABLED_PROTOCOLS: z.string().optional(),
  GATEWAY_TLS_KEY_FILE: z.string().optional(),
  GATEWAY_TLS_CERT_FILE: z.string().optional(),
  GATEWAY_TLS_CA_FILE: z.string().optional(),
  KAFKA_REST_IDLE_TIMEOUT_MS: nonNegativeInt.default(30_000),
  GATEWAY_HTTP_HEADERS_TIMEOUT_MS: positiveInt.default(30_000),
  KAFKA_REST_MAX_REQUEST_HEADER_SIZE: positiveInt.default(8_192),
};

type ServerEnv = z.output<z.ZodObject<typeof SERVER_ENV>> & {
  KAFKA_REST_LISTENERS: string[];
};

export function serverConfig(e: ServerEnv, problems: string[]): ServerOptions {
  const listeners = e.KAFKA_REST_LISTENERS.map((url) => listenerAddress(url, problems));
  const needsTls = listeners.some((l) => l.scheme === 'https');
  return {
    listeners,
    tls: needsTls ? serverTls(e, problems) : null,
    idleTimeoutMs: e.KAFKA_REST_IDLE_TIMEOUT_MS,
    headersTimeoutMs: e.GATEWAY_HTTP_HEADERS_TIMEOUT_MS,
    maxHeaderSize: e.KAFKA_REST_MAX_REQUEST_HEADER_SIZE,
  };
}

function listenerAddress(url: string, problems: string[]): ListenerAddress {
  const parsed = new URL(url);
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') {
    problems.push(`listeners: '${url}' must be an http:// or https:// URL`);
  }
  return {
    scheme: scheme === 'https' ? 'https' : 'http',
    // URL keeps the brackets of an IPv6 host; listen() wants the bare address.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 8082 : Number(parsed.port),
  };
}

function serverTls(e: ServerEnv, problems: string[]): ServerOptions['tls'] {
  const read = (setting: string, path: string | undefined): string | undefined => {
    if (path === undefined) {
      return undefined;
    }
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.push(`${setting}: cannot read ${path}`);
      return undefined;
    }
  };
  for (const [store, type, location] of [
    ['keystore', e.KAFKA_REST_SSL_KEYSTORE_TYPE, e.KAFKA_REST_SSL_KEYSTORE_LOCATION],
    ['truststore', e.KAFKA_REST_SSL_TRUSTSTORE_TYPE, e.KAFKA_REST_SSL_TRUSTSTORE_LOCATION],
  ] as const) {
    if (location !== undefined && type?.toUpperCase() !== 'PEM') {
      problems.push(
        `ssl.${store}.type: only PEM is supported (got '${type ?? 'JKS'}'); convert the store ` +
          `with keytool/openssl, or give GATEWAY_TLS_KEY_FILE and GATEWAY_TLS_CERT_FILE`,
      );
    }
  }
  // A PEM keystore holds the private key and the certificate chain in one file.
  const keystore = read('ssl.keystore.location', e.KAFKA_REST_SSL_KEYSTORE_LOCATION);
  const key = read('GATEWAY_TLS_KEY_FILE', e.GATEWAY_TLS_KEY_FILE) ?? keystore;
  const cert = read('GATEWAY_TLS_CERT_FILE', e.GATEWAY_TLS_CERT_FILE) ?? keystore;
  if (key === undefined || cert === undefined) {
    problems.push(
      'an https listener needs GATEWAY_TLS_KEY_FILE and GATEWAY_TLS_CERT_FILE ' +
        '(or ssl.keystore.location with ssl.keystore.type=PEM)',
    );
    return null;
  }
  const clientAuthentication: ClientAuthentication =
    e.KAFKA_REST_SSL_CLIENT_AUTHENTICATION ??
    (e.KAFKA_REST_SSL_CLIENT_AUTH === 'true' ? 'REQUIRED' : 'NONE');
  const ca =
    read('GATEWAY_TLS_CA_FILE', e.GATEWAY_TLS_CA_FILE) ??
    read('ssl.truststore.location', e.KAFKA_REST_SSL_TRUSTSTORE_LOCATION);
  if (clientAuthentication !== 'NONE' && ca === undefined) {
    problems.push(
      'ssl.client.authentication: verifying client certificates needs GATEWAY_TLS_CA_FILE ' +
        '(or ssl.truststore.location with ssl.truststore.type=PEM)',
    );
  }
  return {
    key,
    cert,
    passphrase: e.KAFKA_REST_SSL_KEY_PASSWORD,
    ca,
    clientAuthentication,
    ...protocolRange(e.KAFKA_REST_SSL_ENABLED_PROTOCOLS, problems),
  };
}

const TLS_VERSIONS: SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** `ssl.enabled.protocols=TLSv1.2,TLSv1.3` as Node's min/max versions. */
function protocolRange(
  list: string | undefined,
  problems: string[],
): { minVersion?: SecureVersion; maxVersion?: SecureVersion } {
  if (list === undefined) {
    return {};
  }
  const indexes = list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const index = TLS_VERSIONS.indexOf(p as SecureVersion);
      if (index < 0) {
        problems.push(
          `ssl.enabled.protocols: unknown protocol '${p}' (${TLS_VERSIONS.join(', ')})`,
        );
      }
      return index;
    })
    .filter((i) => i >= 0);
  if (indexes.length === 0) {
    return {};
  }
  return {
    minVersion: TLS_VERSIONS[Math.min(...indexes)],
    maxVersion: TLS_VERSIONS[Math.max(...indexes)],
  };
}
