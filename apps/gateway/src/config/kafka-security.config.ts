import { readFileSync } from 'node:fs';

/** The gateway's own Kafka connection security, from Confluent's client.* style settings. */
export interface KafkaSecurityConfig {
  tls?: { ca?: string; cert?: string; key?: string; passphrase?: string; checkHostname: boolean };
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
  oauthBearer?: {
    tokenEndpointUrl: string;
    clientId: string;
    clientSecret: string;
    scope?: string;
  };
  /** Why the settings cannot be used: the gateway starts, and every Kafka call fails with it. */
  invalid?: string;
}

// Confluent applies client.* to every client and admin./producer./consumer.* to one; the gateway
// shares its connections, so the more specific prefixes override client.* for all of them.
const PREFIXES = [
  'KAFKA_REST_CLIENT_',
  'KAFKA_REST_ADMIN_',
  'KAFKA_REST_PRODUCER_',
  'KAFKA_REST_CONSUMER_',
];
const KEYS = [
  'SECURITY_PROTOCOL',
  'SASL_MECHANISM',
  'SASL_JAAS_CONFIG',
  'SSL_TRUSTSTORE_LOCATION',
  'SSL_TRUSTSTORE_TYPE',
  'SSL_KEYSTORE_LOCATION',
  'SSL_KEYSTORE_TYPE',
  'SSL_KEY_PASSWORD',
  'SSL_ENDPOINT_IDENTIFICATION_ALGORITHM',
  'SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL',
  'SASL_LOGIN_CALLBACK_HANDLER_CLASS',
] as const;
type Key = (typeof KEYS)[number];

/** Every environment-form name this module reads, for the unsupported-settings report. */
export const KAFKA_SECURITY_SETTINGS: string[] = PREFIXES.flatMap((p) => KEYS.map((k) => p + k));

const SASL_MECHANISMS = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
} as const;

export function kafkaSecurity(
  values: Record<string, string | undefined>,
  problems: string[],
): KafkaSecurityConfig {
  // The most specific prefix wins; an explicitly empty value counts (it disables hostname checks).
  const get = (key: Key): string | undefined =>
    [...PREFIXES]
      .reverse()
      .map((p) => values[p + key])
      .find((v) => v !== undefined);
  const protocol = (get('SECURITY_PROTOCOL') ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    problems.push(`client.security.protocol: unknown protocol '${protocol}'`);
    return {};
  }
  const security: KafkaSecurityConfig = {};
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    security.tls = tlsOptions(get, problems);
  }
  const oauth = (get('SASL_MECHANISM') ?? '').toUpperCase() === 'OAUTHBEARER';
  if (protocol.startsWith('SASL_') && oauth) {
    security.oauthBearer = oauthBearerOptions(get, problems);
  } else if (protocol.startsWith('SASL_')) {
    security.sasl = saslOptions(get, problems);
  }
  return security;
}

function tlsOptions(
  get: (key: Key) => string | undefined,
  problems: string[],
): KafkaSecurityConfig['tls'] {
  // Node reads PEM only; JKS and PKCS12 stores must be converted (keytool / openssl).
  for (const store of ['TRUSTSTORE', 'KEYSTORE'] as const) {
    const type = get(`SSL_${store}_TYPE`);
    if (get(`SSL_${store}_LOCATION`) !== undefined && type?.toUpperCase() !== 'PEM') {
      problems.push(
        `client.ssl.${store.toLowerCase()}.type: only PEM files are supported (got '${type ?? 'JKS'}')`,
      );
    }
  }
  const read = (path: string | undefined): string | undefined => {
    if (path === undefined) {
      return undefined;
    }
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.push(`cannot read TLS file ${path}`);
      return undefined;
    }
  };
  const keystore = read(get('SSL_KEYSTORE_LOCATION'));
  return {
    ca: read(get('SSL_TRUSTSTORE_LOCATION')),
    // A PEM keystore holds the private key and the certificate chain in one file.
    cert: keystore,
    key: keystore,
    passphrase: get('SSL_KEY_PASSWORD'),
    checkHostname: get('SSL_ENDPOINT_IDENTIFICATION_ALGORITHM') !== '',
  };
}

/**
 * OAUTHBEARER as Confluent configures it (KIP-768): the token endpoint URL, and the client id,
 * secret and optional scope in the JAAS line. Tokens come from the client-credentials grant.
 */
function oauthBearerOptions(
  get: (key: Key) => string | undefined,
  problems: string[],
): KafkaSecurityConfig['oauthBearer'] {
  const tokenEndpointUrl = get('SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL');
  const jaas = get('SASL_JAAS_CONFIG') ?? '';
  const clientId = /clientId\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
  const clientSecret = /clientSecret\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
  const scope = /scope\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
  if (tokenEndpointUrl === undefined || clientId === undefined || clientSecret === undefined) {
    problems.push(
      'client.sasl.mechanism=OAUTHBEARER needs client.sasl.oauthbearer.token.endpoint.url and clientId="..." clientSecret="..." in client.sasl.jaas.config',
    );
    return undefined;
  }
  return { tokenEndpointUrl, clientId, clientSecret, ...(scope === undefined ? {} : { scope }) };
}

function saslOptions(
  get: (key: Key) => string | undefined,
  problems: string[],
): KafkaSecurityConfig['sasl'] {
  const mechanismName = (get('SASL_MECHANISM') ?? 'PLAIN').toUpperCase();
  const mechanism = SASL_MECHANISMS[mechanismName as keyof typeof SASL_MECHANISMS];
  if (mechanism === undefined) {
    problems.push(
      `client.sasl.mechanism: '${mechanismName}' is not supported (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER)`,
    );
    return undefined;
  }
  const jaas = get('SASL_JAAS_CONFIG') ?? '';
  const username = /username\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
  const password = /password\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
  if (username === undefined || password === undefined) {
    problems.push('client.sasl.jaas.config: needs username="..." and password="..."');
    return undefined;
  }
  return { mechanism, username, password };
}
