export interface BrokerNodeSpec {
  nodeId: number;
  brokerPort: number;
  controllerPort: number;
  logDir: string;
  /** With a SASL listener: its port (SASL_PLAINTEXT, PLAIN and SCRAM-SHA-256/512). */
  saslPort?: number;
}

/** Users of the SASL listener; PLAIN users live in the JAAS line, SCRAM users in the metadata. */
export interface SaslUsers {
  users: { name: string; password: string }[];
  /** Principal names (without `User:`) that bypass ACLs; ANONYMOUS (PLAINTEXT) always does. */
  superUsers: string[];
  /**
   * OAUTHBEARER tokens must be JWTs signed by a key of this JWKS (Kafka's
   * OAuthBearerValidatorCallbackHandler; it needs `sub`, `exp` and `iat`). Without it, Kafka's
   * default validator accepts unsecured (unsigned) JWTs and refuses signed ones.
   */
  oauthBearerJwks?: { url: string; expectedIssuer?: string; expectedAudience?: string };
}

/** Broker properties that replace (or add to) the generated ones, e.g. `auto.create.topics.enable`. */
export type BrokerOverrides = Record<string, string | number | boolean>;

/**
 * server.properties for one combined broker+controller KRaft node. Every node of the cluster
 * is a voter of a static quorum, so formatting needs no --standalone.
 */
export function brokerProperties(
  node: BrokerNodeSpec,
  all: BrokerNodeSpec[],
  sasl?: SaslUsers,
  overrides: BrokerOverrides = {},
): string {
  const replication = Math.min(3, all.length);
  const voters = all.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',');
  const lines: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': node.nodeId,
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://127.0.0.1:${node.brokerPort},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': node.logDir,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'offsets.topic.replication.factor': replication,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': replication,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': 'false',
    'delete.topic.enable': 'true',
    // ACL endpoints need an authorizer; everyone connects as ANONYMOUS over PLAINTEXT.
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': 'User:ANONYMOUS',
    ...(sasl !== undefined && node.saslPort !== undefined ? saslListener(node, sasl) : {}),
    // Above message.max.bytes: Kafka refuses a batch larger than a segment (413), so a topic
    // with default configs takes the 20 MiB record of kafka-rest's produce tests.
    'log.segment.bytes': 64 * 1024 * 1024,
    'message.max.bytes': 20 * 1024 * 1024,
    'replica.fetch.max.bytes': 20 * 1024 * 1024,
    ...overrides,
  };
  return Object.entries(lines)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/**
 * An extra SASL_PLAINTEXT listener next to PLAINTEXT (which stays the inter-broker listener, so
 * the cluster needs no credentials of its own): identity-propagation tests connect there as
 * their users, and StandardAuthorizer applies the ACLs to them.
 */
function saslListener(node: BrokerNodeSpec, sasl: SaslUsers): Record<string, string> {
  const plainUsers = sasl.users.map((u) => `user_${u.name}="${u.password}"`).join(' ');
  return {
    listeners:
      `PLAINTEXT://127.0.0.1:${node.brokerPort},SASL_PLAINTEXT://127.0.0.1:${node.saslPort},` +
      `CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.brokerPort},SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`,
    'listener.security.protocol.map':
      'PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
    // Kafka's default OAUTHBEARER validator accepts unsecured (unsigned) JWTs: enough to test
    // that clients obtain and present tokens; the principal is the token's `sub`.
    'listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config':
      'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;',
    ...(sasl.oauthBearerJwks === undefined ? {} : jwksValidation(sasl.oauthBearerJwks)),
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config':
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config':
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'super.users': ['ANONYMOUS', ...sasl.superUsers].map((u) => `User:${u}`).join(';'),
  };
}

function jwksValidation(jwks: NonNullable<SaslUsers['oauthBearerJwks']>): Record<string, string> {
  return {
    'listener.name.sasl_plaintext.oauthbearer.sasl.server.callback.handler.class':
      'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler',
    'sasl.oauthbearer.jwks.endpoint.url': jwks.url,
    ...(jwks.expectedIssuer === undefined
      ? {}
      : { 'sasl.oauthbearer.expected.issuer': jwks.expectedIssuer }),
    ...(jwks.expectedAudience === undefined
      ? {}
      : { 'sasl.oauthbearer.expected.audience': jwks.expectedAudience }),
  };
}

/** JVM flags a broker needs: Kafka 4 fetches only the OAuth URLs this property allows. */
export function brokerJvmFlags(sasl: SaslUsers | undefined): string[] {
  const url = sasl?.oauthBearerJwks?.url;
  return url === undefined ? [] : [`-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${url}`];
}

/** `kafka-storage format` arguments that create every user for both SCRAM mechanisms. */
export function scramFormatArgs(sasl: SaslUsers | undefined): string[] {
  return (sasl?.users ?? []).flatMap((u) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => [
      '--add-scram',
      `${mechanism}=[name=${u.name},password=${u.password}]`,
    ]),
  );
}

/** log4j2 configuration: warnings and errors only, into the node's own log file. */
export function log4jProperties(logFile: string): string {
  return [
    'status = error',
    'appender.file.type = File',
    'appender.file.name = FILE',
    `appender.file.fileName = ${logFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = warn',
    'rootLogger.appenderRef.file.ref = FILE',
  ].join('\n');
}
