import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SchemaRegistryOptions } from '@gateway/schema-registry';
import { bool } from './env-values';
import type { KafkaSecurityConfig } from './kafka-security.config';

const optional = z.string().optional();

/**
 * Schema Registry settings under Confluent's names (`schema.registry.url`, `schema.registry.*`
 * with the prefix stripped for the client, `client.basic.auth.*` as a fallback, kafka-rest#592).
 * Listed in the env schema so they count as supported; read raw below because an empty value
 * matters (an empty URL means "no registry", an empty endpoint identification algorithm turns
 * hostname checks off).
 */
export const SCHEMA_REGISTRY_ENV = {
  KAFKA_REST_SCHEMA_REGISTRY_URL: optional,
  KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: optional,
  // schema.registry.basic.auth.user.info (dots: the image encodes it USER_INFO; a `user_info`
  // property, USER__INFO, is not a Confluent setting and stays reported as unsupported).
  KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: optional,
  KAFKA_REST_CLIENT_BASIC_AUTH_CREDENTIALS_SOURCE: optional,
  KAFKA_REST_CLIENT_BASIC_AUTH_USER_INFO: optional,
  KAFKA_REST_CLIENT_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: optional,
  KAFKA_REST_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION: optional,
  KAFKA_REST_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE: optional,
  KAFKA_REST_SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION: optional,
  KAFKA_REST_SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE: optional,
  KAFKA_REST_SCHEMA_REGISTRY_SSL_KEY_PASSWORD: optional,
  KAFKA_REST_SCHEMA_REGISTRY_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: optional,
  GATEWAY_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /** `npm start` without a registry URL starts a local Apicurio Registry when true. */
  GATEWAY_LOCAL_SCHEMA_REGISTRY: bool.optional(),
};

export interface SchemaRegistryConfig {
  /** null: no registry configured, schema requests get 42206. */
  registry: SchemaRegistryOptions | null;
  startLocal: boolean;
}

type Env = Record<string, string | undefined>;

export function schemaRegistryConfig(
  env: Env,
  kafkaSecurity: KafkaSecurityConfig,
  problems: string[],
): SchemaRegistryConfig {
  const startLocal = env.GATEWAY_LOCAL_SCHEMA_REGISTRY?.trim().toLowerCase() === 'true';
  const urls = (env.KAFKA_REST_SCHEMA_REGISTRY_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (urls.length === 0) {
    return { registry: null, startLocal };
  }
  for (const url of urls) {
    if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
      problems.push(`schema.registry.url: '${url}' is not an http(s) URL`);
    }
  }
  const timeout = Number(env.GATEWAY_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS ?? 10_000);
  return {
    registry: {
      urls,
      basicAuth: basicAuth(env, kafkaSecurity, problems),
      tls: tlsOptions(env, problems),
      requestTimeoutMs: timeout,
    },
    startLocal,
  };
}

function basicAuth(
  env: Env,
  kafkaSecurity: KafkaSecurityConfig,
  problems: string[],
): SchemaRegistryOptions['basicAuth'] {
  const source = (
    env.KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE ??
    env.KAFKA_REST_CLIENT_BASIC_AUTH_CREDENTIALS_SOURCE ??
    ''
  ).toUpperCase();
  const userInfo =
    env.KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO ??
    env.KAFKA_REST_CLIENT_BASIC_AUTH_USER_INFO ??
    env.KAFKA_REST_CLIENT_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO;
  switch (source) {
    case '':
    case 'URL':
      // URL: the credentials in the URL's user info are sent by the client itself.
      return undefined;
    case 'USER_INFO': {
      const colon = userInfo?.indexOf(':') ?? -1;
      if (userInfo === undefined || colon < 0) {
        problems.push('schema.registry.basic.auth.user.info: expected <user>:<password>');
        return undefined;
      }
      return { username: userInfo.slice(0, colon), password: userInfo.slice(colon + 1) };
    }
    case 'SASL_INHERIT':
      if (kafkaSecurity.sasl === undefined) {
        problems.push(
          'schema.registry.basic.auth.credentials.source=SASL_INHERIT needs client.sasl.jaas.config',
        );
        return undefined;
      }
      return { username: kafkaSecurity.sasl.username, password: kafkaSecurity.sasl.password };
    default:
      problems.push(
        `schema.registry.basic.auth.credentials.source: '${source}' is not one of URL, USER_INFO, SASL_INHERIT`,
      );
      return undefined;
  }
}

function tlsOptions(env: Env, problems: string[]): SchemaRegistryOptions['tls'] {
  const get = (key: string) => env[`KAFKA_REST_SCHEMA_REGISTRY_SSL_${key}`];
  // Node reads PEM only; JKS and PKCS12 stores must be converted (keytool / openssl).
  for (const store of ['TRUSTSTORE', 'KEYSTORE']) {
    const type = get(`${store}_TYPE`);
    if (get(`${store}_LOCATION`) !== undefined && type?.toUpperCase() !== 'PEM') {
      problems.push(
        `schema.registry.ssl.${store.toLowerCase()}.type: only PEM files are supported (got '${type ?? 'JKS'}')`,
      );
    }
  }
  const read = (path: string | undefined): string | undefined => {
    if (path === undefined || path === '') {
      return undefined;
    }
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.push(`cannot read schema registry TLS file ${path}`);
      return undefined;
    }
  };
  const ca = read(get('TRUSTSTORE_LOCATION'));
  // A PEM keystore holds the private key and the certificate chain in one file.
  const keystore = read(get('KEYSTORE_LOCATION'));
  const checkHostname = get('ENDPOINT_IDENTIFICATION_ALGORITHM') !== '';
  if (ca === undefined && keystore === undefined && checkHostname) {
    return undefined;
  }
  return { ca, cert: keystore, key: keystore, passphrase: get('KEY_PASSWORD'), checkHostname };
}
