import { z } from 'zod';
import type { ConsumeOptions } from '@gateway/consume';
import { CONSUME_ENV, consumeConfig } from './consume.config';
import { PRODUCE_ENV, ProduceConfig, produceConfig } from './produce.config';
import { kafkaIdentityConfig, SECURITY_ENV, securityConfig } from './security.config';
import { SERVER_ENV, serverConfig } from './server.config';
import { SCHEMA_REGISTRY_ENV, schemaRegistryConfig } from './schema-registry.config';
import type { SchemaRegistryOptions } from '@gateway/schema-registry';
import type { SecurityOptions, ServerOptions } from '@gateway/auth';
import type { KafkaIdentityOptions } from '@gateway/kafka';
import type { LogLevel } from '@gateway/logging';
import {
  LinkOrigins,
  CrossOriginPolicy,
  EndpointPolicy,
  parseResponseHeaders,
  ResponseHeaderRule,
} from '@gateway/rest';
import { envToProperty } from './config-sources';
import {
  KAFKA_SECURITY_SETTINGS,
  KafkaSecurityConfig,
  kafkaSecurity,
} from './kafka-security.config';
import { bool, commaList, positiveInt } from './env-values';

export interface GatewayConfig {
  listen: { host: string; port: number };
  /** Where links point (`advertised.listeners`, `host.name`, `listeners`). */
  links: LinkOrigins;
  /** null: no Kafka configured, so `npm start` launches a local broker. */
  bootstrapServers: string[] | null;
  kafka: {
    clientId: string;
    connectionTimeoutMs: number;
    requestTimeoutMs: number;
    producer: ProduceConfig['producer'];
    security: KafkaSecurityConfig;
    /** Identity propagation (connect to Kafka as the HTTP caller); undefined when off. */
    identity?: KafkaIdentityOptions;
  };
  crnAuthority: string;
  bodyLimitBytes: number;
  localBrokers: 1 | 3;
  /** null: no schema registry configured (schema requests get 42206). */
  schemaRegistry: SchemaRegistryOptions | null;
  /** GATEWAY_LOCAL_SCHEMA_REGISTRY: `npm start` starts Apicurio when no registry URL is set. */
  localSchemaRegistry: boolean;
  consume: ConsumeOptions;
  records: ProduceConfig['records'];
  logLevel: LogLevel;
  http: HttpPolicyConfig;
  metrics: { lagRefreshMs: number };
  /** How long in-flight requests and streams get to finish on SIGTERM/SIGINT. */
  shutdownGraceMs: number;
  /** Every listener (http and https), TLS and slow-client limits of the HTTP servers. */
  server: ServerOptions;
  /** HTTP authentication, authorization, rate limits and slow-client protection. */
  security: SecurityOptions;
  /** Settings given but not supported, named as in kafka-rest.properties; warned about at start. */
  unsupportedSettings: string[];
}

export interface HttpPolicyConfig {
  /** null when `access.control.allow.origin` is empty: no CORS headers, as Confluent. */
  cors: CrossOriginPolicy | null;
  responseHeaders: ResponseHeaderRule[];
  endpoints: EndpointPolicy;
}

const url = z.string().url();

// One schema for every variable; Confluent's KAFKA_REST_* names where Confluent has one.
const EnvSchema = z.object({
  KAFKA_BOOTSTRAP_SERVERS: commaList.optional(),
  KAFKA_REST_BOOTSTRAP_SERVERS: commaList.optional(),
  KAFKA_REST_LISTENERS: commaList.pipe(z.array(url).min(1)).default('http://0.0.0.0:8082'),
  KAFKA_REST_ADVERTISED_LISTENERS: commaList.pipe(z.array(url)).default(''),
  KAFKA_REST_HOST_NAME: z.string().trim().default(''),
  KAFKA_REST_CLIENT_ID: z.string().min(1).default('kafka-http-gateway'),
  KAFKA_REST_CONFLUENT_RESOURCE_NAME_AUTHORITY: z.string().default(''),
  GATEWAY_KAFKA_CONNECTION_TIMEOUT_MS: positiveInt.default(3_000),
  GATEWAY_KAFKA_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  GATEWAY_BODY_LIMIT_BYTES: positiveInt.default(16 * 1024 * 1024),
  KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN: commaList.default(''),
  KAFKA_REST_ACCESS_CONTROL_ALLOW_METHODS: commaList.default(''),
  KAFKA_REST_ACCESS_CONTROL_ALLOW_HEADERS: commaList.default(''),
  KAFKA_REST_ACCESS_CONTROL_EXPOSE_HEADERS: commaList.default(''),
  KAFKA_REST_ACCESS_CONTROL_SKIP_OPTIONS: bool.default('true'),
  KAFKA_REST_RESPONSE_HTTP_HEADERS_CONFIG: z.string().default(''),
  KAFKA_REST_API_V2_ENABLE: bool.default('true'),
  KAFKA_REST_API_V3_ENABLE: bool.default('true'),
  KAFKA_REST_API_ENDPOINTS_ALLOWLIST: commaList.default(''),
  KAFKA_REST_API_ENDPOINTS_BLOCKLIST: commaList.default(''),
  KAFKA_REST_SHUTDOWN_GRACEFUL_MS: z.coerce.number().int().nonnegative().default(5_000),
  GATEWAY_LAG_METRICS_REFRESH_MS: z.coerce.number().int().nonnegative().default(30_000),
  GATEWAY_LOCAL_BROKERS: z.enum(['1', '3']).default('1'),
  ...SCHEMA_REGISTRY_ENV,
  ...CONSUME_ENV,
  ...PRODUCE_ENV,
  ...SERVER_ENV,
  ...SECURITY_ENV,
  GATEWAY_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
});

/** Every invalid variable, reported together. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once at start; the libraries only see the typed result. */
export function loadConfig(env: Record<string, string | undefined>): GatewayConfig {
  const parsed = EnvSchema.safeParse(withoutEmpty(env));
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got '${env[String(i.path[0])]}')`,
      );
  const security = usableOrDeferred(env);
  const schemaRegistry = schemaRegistryConfig(env, security, problems);
  const responseHeaders = parseOrReport(
    () => parseResponseHeaders(env.KAFKA_REST_RESPONSE_HTTP_HEADERS_CONFIG ?? ''),
    problems,
  );
  const server = parsed.success ? serverConfig(parsed.data, problems) : undefined;
  const apiSecurity = parsed.success
    ? securityConfig(parsed.data, problems, optionsSkipAuth(parsed.data))
    : undefined;
  if (!parsed.success || problems.length > 0 || !server || !apiSecurity) {
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const listener = new URL(e.KAFKA_REST_LISTENERS[0]);
  const servers = e.KAFKA_BOOTSTRAP_SERVERS ?? e.KAFKA_REST_BOOTSTRAP_SERVERS;
  return {
    listen: { host: listener.hostname, port: Number(listener.port || 8082) },
    links: {
      advertisedUrls: e.KAFKA_REST_ADVERTISED_LISTENERS,
      hostName: e.KAFKA_REST_HOST_NAME,
      listenerUrls: e.KAFKA_REST_LISTENERS,
    },
    bootstrapServers: servers !== undefined && servers.length > 0 ? servers.map(stripScheme) : null,
    kafka: {
      clientId: e.KAFKA_REST_CLIENT_ID,
      connectionTimeoutMs: e.GATEWAY_KAFKA_CONNECTION_TIMEOUT_MS,
      requestTimeoutMs: e.GATEWAY_KAFKA_REQUEST_TIMEOUT_MS,
      producer: produceConfig(e, e.GATEWAY_BODY_LIMIT_BYTES).producer,
      security,
      identity: kafkaIdentityConfig(e, security.sasl?.mechanism),
    },
    crnAuthority: e.KAFKA_REST_CONFLUENT_RESOURCE_NAME_AUTHORITY,
    bodyLimitBytes: e.GATEWAY_BODY_LIMIT_BYTES,
    localBrokers: e.GATEWAY_LOCAL_BROKERS === '3' ? 3 : 1,
    schemaRegistry: schemaRegistry.registry,
    localSchemaRegistry: schemaRegistry.startLocal,
    consume: consumeConfig(e),
    records: produceConfig(e, e.GATEWAY_BODY_LIMIT_BYTES).records,
    logLevel: e.GATEWAY_LOG_LEVEL,
    http: {
      cors:
        e.KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN.length === 0
          ? null
          : {
              origins: e.KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN,
              methods: e.KAFKA_REST_ACCESS_CONTROL_ALLOW_METHODS,
              allowedHeaders: e.KAFKA_REST_ACCESS_CONTROL_ALLOW_HEADERS,
              exposedHeaders: e.KAFKA_REST_ACCESS_CONTROL_EXPOSE_HEADERS,
              optionsSkipAuth: optionsSkipAuth(e),
            },
      responseHeaders: responseHeaders ?? [],
      endpoints: {
        allowlist: e.KAFKA_REST_API_ENDPOINTS_ALLOWLIST,
        blocklist: e.KAFKA_REST_API_ENDPOINTS_BLOCKLIST,
        v2Enabled: e.KAFKA_REST_API_V2_ENABLE,
        v3Enabled: e.KAFKA_REST_API_V3_ENABLE,
      },
    },
    shutdownGraceMs: e.KAFKA_REST_SHUTDOWN_GRACEFUL_MS,
    metrics: { lagRefreshMs: e.GATEWAY_LAG_METRICS_REFRESH_MS },
    server,
    security: apiSecurity,
    unsupportedSettings: unsupportedSettings(env),
  };
}

/**
 * rest-utils leaves OPTIONS out of authentication when CORS is on and `access.control.skip.options`
 * (default true) says so: browsers send preflights without credentials.
 */
function optionsSkipAuth(e: z.output<typeof EnvSchema>): boolean {
  return (
    e.KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN.length > 0 && e.KAFKA_REST_ACCESS_CONTROL_SKIP_OPTIONS
  );
}

/**
 * The gateway's own Kafka security. Settings the clients cannot use do not stop the start, as in
 * kafka-rest (which creates its clients on first use, KafkaRestStartUpIntegrationTest): the
 * gateway starts, says why, and every use of Kafka answers 500 with that reason.
 */
function usableOrDeferred(env: Record<string, string | undefined>): KafkaSecurityConfig {
  const problems: string[] = [];
  const security = kafkaSecurity(env, problems);
  if (problems.length === 0) {
    return security;
  }
  return { invalid: `Invalid Kafka client configuration: ${problems.join('; ')}` };
}

function parseOrReport<T>(parse: () => T, problems: string[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
}

// Settings read outside the schema: the properties file pointer and the client security keys.
const OTHER_SETTINGS = new Set(['KAFKA_REST_CONFIG_FILE', ...KAFKA_SECURITY_SETTINGS]);

/** KAFKA_REST_* and GATEWAY_* names that nothing reads: reported, never silently ignored. */
function unsupportedSettings(env: Record<string, string | undefined>): string[] {
  const known = new Set<string>([...Object.keys(EnvSchema.shape), ...OTHER_SETTINGS]);
  return Object.keys(env)
    .filter((name) => /^(KAFKA_REST|GATEWAY)_/.test(name) && !known.has(name))
    .map((name) => (name.startsWith('GATEWAY_') ? name : envToProperty(name)))
    .sort();
}

// Confluent accepts `PLAINTEXT://host:9092` in bootstrap.servers; Kafka clients want host:port.
function stripScheme(server: string): string {
  return server.replace(/^[A-Za-z_]+:\/\//, '');
}

function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}
