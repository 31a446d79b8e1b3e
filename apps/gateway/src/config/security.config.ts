import { z } from 'zod';
import type { KafkaIdentityOptions } from '@gateway/kafka';
import {
  AuthenticationMethod,
  AuthenticationOptions,
  AuthorizationRules,
  RateLimitOptions,
  readApiKeys,
  readJaasConfig,
  readPasswordFile,
  SecurityOptions,
} from '@gateway/auth';
import { DOS_FILTER_ENV, dosFilterConfig } from './dos-filter.config';
import { commaList, nonNegativeInt, positiveInt } from './env-values';

/**
 * HTTP authentication: Confluent's `authentication.*` names, plus GATEWAY_AUTH_* for the files
 * (Confluent names its password file in a JAAS config given as a JVM flag) and for bearer tokens
 * (a commercial plugin at Confluent).
 */
export const SECURITY_ENV = {
  KAFKA_REST_AUTHENTICATION_METHOD: commaList.default('NONE'),
  KAFKA_REST_AUTHENTICATION_REALM: z.string().default('KafkaRest'),
  KAFKA_REST_AUTHENTICATION_ROLES: commaList.default('*'),
  KAFKA_REST_AUTHENTICATION_SKIP_PATHS: commaList.default('/healthy,/ready,/metrics'),
  GATEWAY_AUTH_PASSWORD_FILE: z.string().optional(),
  GATEWAY_AUTH_JAAS_CONFIG: z.string().optional(),
  GATEWAY_AUTH_API_KEYS_FILE: z.string().optional(),
  GATEWAY_AUTH_CACHE_TTL_MS: nonNegativeInt.default(300_000),
  GATEWAY_AUTH_JWT_JWKS_URL: z.string().url().optional(),
  GATEWAY_AUTH_JWT_ISSUER: z.string().optional(),
  GATEWAY_AUTH_JWT_AUDIENCE: commaList.default(''),
  GATEWAY_AUTH_JWT_PRINCIPAL_CLAIM: z.string().default('sub'),
  GATEWAY_AUTH_JWT_ROLES_CLAIM: z.string().optional(),
  GATEWAY_AUTH_JWT_CLOCK_TOLERANCE_S: nonNegativeInt.default(30),
  GATEWAY_AUTHORIZATION_RULES_FILE: z.string().optional(),
  KAFKA_REST_RATE_LIMIT_ENABLE: z.enum(['true', 'false']).default('false'),
  KAFKA_REST_RATE_LIMIT_PERMITS_PER_SEC: positiveInt.default(50),
  KAFKA_REST_RATE_LIMIT_PER_CLUSTER_PERMITS_PER_SEC: positiveInt.default(50),
  KAFKA_REST_RATE_LIMIT_DEFAULT_COST: nonNegativeInt.default(1),
  KAFKA_REST_RATE_LIMIT_COSTS: commaList.default(''),
  GATEWAY_RATE_LIMIT_PER_PRINCIPAL_PERMITS_PER_SEC: nonNegativeInt.default(0),
  ...DOS_FILTER_ENV,
  GATEWAY_KAFKA_IDENTITY_PROPAGATION: z.enum(['true', 'false']).default('false'),
  // Confluent's commercial setting: JETTY_AUTH propagates HTTP Basic users; SSL is not supported.
  KAFKA_REST_CONFLUENT_REST_AUTH_PROPAGATE_METHOD: z.enum(['JETTY_AUTH']).optional(),
  GATEWAY_KAFKA_IDENTITY_SASL_MECHANISM: z
    .enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
    .optional(),
  GATEWAY_KAFKA_IDENTITY_POOL_MAX: positiveInt.default(100),
  GATEWAY_KAFKA_IDENTITY_IDLE_MS: positiveInt.default(300_000),
  GATEWAY_HTTP_BODY_TIMEOUT_MS: positiveInt.default(60_000),
  GATEWAY_MAX_CONCURRENT_STREAMS: nonNegativeInt.default(1_000),
};

type SecurityEnv = z.output<z.ZodObject<typeof SECURITY_ENV>>;

export function securityConfig(
  e: SecurityEnv,
  problems: string[],
  optionsSkipAuth: boolean,
): SecurityOptions {
  const authentication = authenticationConfig(e, problems, optionsSkipAuth);
  const propagateIdentity = propagates(e);
  const methods = authentication?.methods ?? [];
  if (propagateIdentity && !methods.includes('BASIC') && !methods.includes('BEARER')) {
    problems.push('GATEWAY_KAFKA_IDENTITY_PROPAGATION needs authentication.method BASIC or BEARER');
  }
  return {
    propagateIdentity,
    authentication,
    authorization: authorizationConfig(e, authentication, problems),
    dosFilter: dosFilterConfig(e),
    rateLimit: rateLimitConfig(e, problems),
    bodyTimeoutMs: e.GATEWAY_HTTP_BODY_TIMEOUT_MS,
    maxConcurrentStreams: e.GATEWAY_MAX_CONCURRENT_STREAMS,
  };
}

function propagates(e: SecurityEnv): boolean {
  return (
    e.GATEWAY_KAFKA_IDENTITY_PROPAGATION === 'true' ||
    e.KAFKA_REST_CONFLUENT_REST_AUTH_PROPAGATE_METHOD === 'JETTY_AUTH'
  );
}

/**
 * How libs/kafka connects as the caller: the identity SASL mechanism, else the gateway's own
 * (client.sasl.mechanism), else SCRAM-SHA-512. Undefined when propagation is off.
 */
export function kafkaIdentityConfig(
  e: SecurityEnv,
  ownMechanism: KafkaIdentityOptions['mechanism'] | undefined,
): KafkaIdentityOptions | undefined {
  if (!propagates(e)) {
    return undefined;
  }
  const configured = e.GATEWAY_KAFKA_IDENTITY_SASL_MECHANISM?.toLowerCase() as
    KafkaIdentityOptions['mechanism'] | undefined;
  return {
    mechanism: configured ?? ownMechanism ?? 'scram-sha-512',
    maxClients: e.GATEWAY_KAFKA_IDENTITY_POOL_MAX,
    idleMs: e.GATEWAY_KAFKA_IDENTITY_IDLE_MS,
  };
}

function rateLimitConfig(e: SecurityEnv, problems: string[]): RateLimitOptions | null {
  if (e.KAFKA_REST_RATE_LIMIT_ENABLE !== 'true') {
    return null;
  }
  const costs: Record<string, number> = {};
  for (const entry of e.KAFKA_REST_RATE_LIMIT_COSTS) {
    const [name, cost] = entry.split('=').map((s) => s.trim());
    if (name === '' || cost === undefined || !/^\d+$/.test(cost)) {
      problems.push(`rate.limit.costs: '${entry}' is not <resource name>=<non-negative integer>`);
      continue;
    }
    costs[name] = Number(cost);
  }
  return {
    permitsPerSecond: e.KAFKA_REST_RATE_LIMIT_PERMITS_PER_SEC,
    perClusterPermitsPerSecond: e.KAFKA_REST_RATE_LIMIT_PER_CLUSTER_PERMITS_PER_SEC,
    perPrincipalPermitsPerSecond: e.GATEWAY_RATE_LIMIT_PER_PRINCIPAL_PERMITS_PER_SEC,
    defaultCost: e.KAFKA_REST_RATE_LIMIT_DEFAULT_COST,
    costs,
  };
}

function authorizationConfig(
  e: SecurityEnv,
  authentication: AuthenticationOptions | null,
  problems: string[],
): AuthorizationRules | null {
  const path = e.GATEWAY_AUTHORIZATION_RULES_FILE;
  if (path === undefined) {
    return null;
  }
  if (authentication === null) {
    problems.push(
      'GATEWAY_AUTHORIZATION_RULES_FILE needs an authentication.method (BASIC, BEARER or CERTIFICATE)',
    );
  }
  try {
    return AuthorizationRules.read(path);
  } catch (error) {
    problems.push((error as Error).message);
    return null;
  }
}

function authenticationConfig(
  e: SecurityEnv,
  problems: string[],
  optionsSkipAuth: boolean,
): AuthenticationOptions | null {
  const methods = e.KAFKA_REST_AUTHENTICATION_METHOD.map((m) => m.toUpperCase());
  const unknown = methods.filter((m) => !['NONE', 'BASIC', 'BEARER', 'CERTIFICATE'].includes(m));
  if (unknown.length > 0) {
    problems.push(
      `authentication.method: unknown ${unknown.join(', ')} (NONE, BASIC, BEARER, CERTIFICATE)`,
    );
  }
  const enabled = methods.filter(
    (m): m is AuthenticationMethod => m === 'BASIC' || m === 'BEARER' || m === 'CERTIFICATE',
  );
  if (enabled.length === 0) {
    return null;
  }
  const realm = e.KAFKA_REST_AUTHENTICATION_REALM;
  const load = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const passwordFile =
    e.GATEWAY_AUTH_PASSWORD_FILE ??
    (e.GATEWAY_AUTH_JAAS_CONFIG !== undefined
      ? load(() => readJaasConfig(e.GATEWAY_AUTH_JAAS_CONFIG as string, realm))
      : undefined);
  const users = passwordFile !== undefined ? load(() => readPasswordFile(passwordFile)) : undefined;
  const apiKeys =
    e.GATEWAY_AUTH_API_KEYS_FILE !== undefined
      ? load(() => readApiKeys(e.GATEWAY_AUTH_API_KEYS_FILE as string))
      : undefined;
  if (
    enabled.includes('BASIC') &&
    e.GATEWAY_AUTH_PASSWORD_FILE === undefined &&
    e.GATEWAY_AUTH_JAAS_CONFIG === undefined &&
    e.GATEWAY_AUTH_API_KEYS_FILE === undefined
  ) {
    problems.push(
      'authentication.method=BASIC needs GATEWAY_AUTH_PASSWORD_FILE, GATEWAY_AUTH_JAAS_CONFIG ' +
        'or GATEWAY_AUTH_API_KEYS_FILE',
    );
  }
  if (enabled.includes('BEARER') && e.GATEWAY_AUTH_JWT_JWKS_URL === undefined) {
    problems.push('authentication.method=BEARER needs GATEWAY_AUTH_JWT_JWKS_URL');
  }
  return {
    methods: enabled,
    realm,
    roles: e.KAFKA_REST_AUTHENTICATION_ROLES,
    skipPaths: e.KAFKA_REST_AUTHENTICATION_SKIP_PATHS,
    skipOptions: optionsSkipAuth,
    users: users ?? new Map<string, never>(),
    apiKeys: apiKeys ?? new Map<string, never>(),
    bearer:
      e.GATEWAY_AUTH_JWT_JWKS_URL === undefined
        ? null
        : {
            jwksUrl: e.GATEWAY_AUTH_JWT_JWKS_URL,
            issuer: e.GATEWAY_AUTH_JWT_ISSUER,
            audiences: e.GATEWAY_AUTH_JWT_AUDIENCE,
            principalClaim: e.GATEWAY_AUTH_JWT_PRINCIPAL_CLAIM,
            rolesClaim: e.GATEWAY_AUTH_JWT_ROLES_CLAIM,
            clockToleranceSeconds: e.GATEWAY_AUTH_JWT_CLOCK_TOLERANCE_S,
          },
    cacheTtlMs: e.GATEWAY_AUTH_CACHE_TTL_MS,
  };
}
