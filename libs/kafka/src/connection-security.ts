import type { SASLOptions } from '@platformatic/kafka';
import type { KafkaConfig, SASLOptions as KafkaJsSasl } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import { KafkaError } from './kafka-errors';
import { OAuthBearerSettings, OAuthTokenSource } from './oauth-token-source';

/** TLS and SASL for the gateway's own Kafka connections (PEM material already read). */
export interface KafkaSecurity {
  tls?: { ca?: string; cert?: string; key?: string; passphrase?: string; checkHostname: boolean };
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
  /** SASL/OAUTHBEARER with tokens from an OAuth2 token endpoint (instead of `sasl`). */
  oauthBearer?: OAuthBearerSettings;
  /**
   * SASL/OAUTHBEARER with a token someone else obtained (identity propagation: the caller's
   * bearer token), read at each login so a refreshed token is used (instead of `sasl`).
   */
  bearerToken?: () => string;
  /**
   * Why the configured security cannot be used (e.g. OAUTHBEARER without a token endpoint). As
   * kafka-rest, the gateway still starts and every use of Kafka fails (500) with this message.
   */
  invalid?: string;
}

/** Throws the configuration error when the gateway's Kafka security settings are unusable. */
export function assertUsableSecurity(security: KafkaSecurity | undefined): void {
  if (security?.invalid !== undefined) {
    throw new KafkaError('UNKNOWN', security.invalid, false);
  }
}

// One token source per settings object, so every client of the process shares its cache.
const tokenSources = new WeakMap<OAuthBearerSettings, OAuthTokenSource>();

function tokenSource(settings: OAuthBearerSettings): OAuthTokenSource {
  let source = tokenSources.get(settings);
  if (source === undefined) {
    source = new OAuthTokenSource(settings);
    tokenSources.set(settings, source);
  }
  return source;
}

/** Where OAUTHBEARER tokens come from: the caller's own token, or the token endpoint. */
function bearerTokenOf(
  security: KafkaSecurity | undefined,
): (() => string | Promise<string>) | undefined {
  if (security?.bearerToken !== undefined) {
    return security.bearerToken;
  }
  const oauth = security?.oauthBearer;
  if (oauth === undefined) {
    return undefined;
  }
  const source = tokenSource(oauth);
  return () => source.token();
}

function tlsOptions(security: KafkaSecurity | undefined): ConnectionOptions | undefined {
  const tls = security?.tls;
  if (tls === undefined) {
    return undefined;
  }
  return {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    passphrase: tls.passphrase,
    ...(tls.checkHostname ? {} : { checkServerIdentity: () => undefined }),
  };
}

/**
 * The same security for both client libraries; every client libs/kafka creates uses one of these.
 * With invalid settings they give none: creating a client connects nothing, and every path that
 * connects calls assertUsableSecurity first.
 */
export function kafkajsSecurity(
  security: KafkaSecurity | undefined,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const sasl = security?.sasl;
  const token = bearerTokenOf(security);
  if (token !== undefined) {
    return {
      ssl: tlsOptions(security),
      sasl: {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => ({ value: await token() }),
      },
    };
  }
  return {
    ssl: tlsOptions(security),
    sasl: sasl === undefined ? undefined : ({ ...sasl } as KafkaJsSasl),
  };
}

export function platformaticSecurity(security: KafkaSecurity | undefined): {
  tls?: ConnectionOptions;
  sasl?: SASLOptions;
} {
  const sasl = security?.sasl;
  const token = bearerTokenOf(security);
  const mechanisms = {
    plain: 'PLAIN',
    'scram-sha-256': 'SCRAM-SHA-256',
    'scram-sha-512': 'SCRAM-SHA-512',
  } as const;
  if (token !== undefined) {
    return {
      tls: tlsOptions(security),
      sasl: { mechanism: 'OAUTHBEARER', token: async () => token() },
    };
  }
  return {
    tls: tlsOptions(security),
    sasl:
      sasl === undefined
        ? undefined
        : {
            mechanism: mechanisms[sasl.mechanism],
            username: sasl.username,
            password: sasl.password,
          },
  };
}
