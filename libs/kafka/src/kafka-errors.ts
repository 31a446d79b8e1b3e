/** What went wrong in Kafka, in our own words; libs/rest maps each kind to a Confluent error code. */
export type KafkaErrorKind =
  | 'TOPIC_NOT_FOUND'
  | 'TOPIC_ALREADY_EXISTS'
  | 'INVALID_TOPIC'
  | 'BAD_REQUEST'
  | 'SECURITY_DISABLED'
  | 'AUTHENTICATION_FAILED'
  | 'AUTHORIZATION_FAILED'
  | 'BROKER_NOT_AVAILABLE'
  | 'RECORD_TOO_LARGE'
  | 'THROTTLED'
  | 'UNKNOWN';

export class KafkaError extends Error {
  constructor(
    readonly kind: KafkaErrorKind,
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
    this.name = 'KafkaError';
  }
}

// Kafka protocol error names (the same in kafkajs `type` and @platformatic/kafka `apiId`).
const PROTOCOL_ERRORS: Record<string, KafkaErrorKind> = {
  UNKNOWN_TOPIC_OR_PARTITION: 'TOPIC_NOT_FOUND',
  UNKNOWN_TOPIC_ID: 'TOPIC_NOT_FOUND',
  TOPIC_ALREADY_EXISTS: 'TOPIC_ALREADY_EXISTS',
  INVALID_TOPIC_EXCEPTION: 'INVALID_TOPIC',
  INVALID_PARTITIONS: 'BAD_REQUEST',
  INVALID_REPLICATION_FACTOR: 'BAD_REQUEST',
  INVALID_REPLICA_ASSIGNMENT: 'BAD_REQUEST',
  INVALID_CONFIG: 'BAD_REQUEST',
  POLICY_VIOLATION: 'BAD_REQUEST',
  INVALID_REQUEST: 'BAD_REQUEST',
  UNSUPPORTED_VERSION: 'BAD_REQUEST',
  TOPIC_DELETION_DISABLED: 'BAD_REQUEST',
  UNKNOWN_SERVER_ERROR: 'BAD_REQUEST',
  SECURITY_DISABLED: 'SECURITY_DISABLED',
  SASL_AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
  TOPIC_AUTHORIZATION_FAILED: 'AUTHORIZATION_FAILED',
  GROUP_AUTHORIZATION_FAILED: 'AUTHORIZATION_FAILED',
  CLUSTER_AUTHORIZATION_FAILED: 'AUTHORIZATION_FAILED',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'AUTHORIZATION_FAILED',
  BROKER_NOT_AVAILABLE: 'BROKER_NOT_AVAILABLE',
  MESSAGE_TOO_LARGE: 'RECORD_TOO_LARGE',
  RECORD_LIST_TOO_LARGE: 'RECORD_TOO_LARGE',
  THROTTLING_QUOTA_EXCEEDED: 'THROTTLED',
};

// The Java client's wording (kafka-rest passes it on; its tests check the prefix): Kafka sends
// no text with these codes, and @platformatic/kafka's own is terser. Where the topics or the
// group are known, the producer and consumer paths name them (topicsRefused, groupRefused).
const TOPICS_REFUSED = 'Not authorized to access topics:';
const GROUP_REFUSED_BY_CODE = 'Group authorization failed.';
const AUTHORIZATION_MESSAGES: Record<string, string> = {
  TOPIC_AUTHORIZATION_FAILED: `${TOPICS_REFUSED} [Topic authorization failed]`,
  GROUP_AUTHORIZATION_FAILED: GROUP_REFUSED_BY_CODE,
  CLUSTER_AUTHORIZATION_FAILED: 'Cluster authorization failed.',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'Transactional Id authorization failed.',
};

// Client-side failures that mean "no broker answered".
const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'PLT_KFK_NETWORK',
  'PLT_KFK_TIMEOUT',
]);

interface ClientErrorShape {
  name?: string;
  code?: string;
  type?: string;
  apiId?: string;
  retriable?: boolean;
  canRetry?: boolean;
  message?: string;
  serverErrorMessage?: string | null;
  errors?: unknown[];
  cause?: unknown;
  originalError?: unknown;
}

/** Kafka's UnknownTopicOrPartitionException, as kafka-rest relays it (40403). */
export function topicNotFound(): KafkaError {
  return new KafkaError(
    'TOPIC_NOT_FOUND',
    'This server does not host this topic-partition.',
    false,
  );
}

/**
 * The Java client's TopicAuthorizationException, naming the topics (`...topics: [orders]`);
 * Kafka's answer itself does not name them.
 */
export function topicsRefused(topics: string[]): KafkaError {
  return new KafkaError('AUTHORIZATION_FAILED', `${TOPICS_REFUSED} [${topics.join(', ')}]`, false);
}

/** A topic authorization failure, as opposed to a group, cluster or transactional id one. */
export function isTopicsRefused(error: KafkaError): boolean {
  return error.kind === 'AUTHORIZATION_FAILED' && error.message.startsWith(TOPICS_REFUSED);
}

/**
 * A topic refusal naming `topics`, as the Java producer's and consumer's
 * TopicAuthorizationException does (Kafka's answer does not name them); any other error as it is.
 */
export function namingTopics(error: KafkaError, topics: string[]): KafkaError {
  return isTopicsRefused(error) && topics.length > 0 ? topicsRefused(topics) : error;
}

/**
 * The Java consumer's GroupAuthorizationException, naming the group (`...group: orders-app`);
 * any other error as it is.
 */
export function groupRefused(error: unknown, groupId: string): KafkaError {
  const failure = toKafkaError(error);
  return failure.kind === 'AUTHORIZATION_FAILED' && failure.message === GROUP_REFUSED_BY_CODE
    ? new KafkaError('AUTHORIZATION_FAILED', `Not authorized to access group: ${groupId}`, false)
    : failure;
}

/** Translates any error thrown by a Kafka client into a KafkaError (idempotent). */
export function toKafkaError(error: unknown): KafkaError {
  if (error instanceof KafkaError) {
    return error;
  }
  if (isAuthenticationFailure(error)) {
    // Reported by the clients as a failed connection, which it is not: kafka-rest answers 401.
    return new KafkaError('AUTHENTICATION_FAILED', 'Kafka refused the credentials.', false);
  }
  const found = findCause(error);
  if (found !== undefined) {
    return found;
  }
  // A Kafka error code we do not name: Kafka's own message and retriability (50003 when
  // retriable, as kafka-rest's mapper answers RetriableException).
  const shape: ClientErrorShape = protocolErrorIn(error) ?? error ?? {};
  return new KafkaError(
    'UNKNOWN',
    shape.serverErrorMessage ?? shape.message ?? String(error),
    isRetriable(shape),
  );
}

/** The first error in the chain that carries a Kafka error code (kafkajs type, platformatic apiId). */
function protocolErrorIn(error: unknown): ClientErrorShape | undefined {
  for (const shape of causeChain(error)) {
    if ((shape.type ?? shape.apiId) !== undefined) {
      return shape;
    }
  }
  return undefined;
}

/** An error and the causes the clients wrap it in, outermost first (each before its causes). */
function* causeChain(error: unknown, maxDepth = 5, depth = 0): Generator<ClientErrorShape> {
  if (error === null || typeof error !== 'object' || depth > maxDepth) {
    return;
  }
  yield error;
  for (const inner of causesOf(error)) {
    yield* causeChain(inner, maxDepth, depth + 1);
  }
}

function causesOf(shape: ClientErrorShape): unknown[] {
  return [...(shape.errors ?? []), shape.cause, shape.originalError];
}

function findCause(error: unknown, depth = 0): KafkaError | undefined {
  if (error === null || typeof error !== 'object' || depth > 5) {
    return undefined;
  }
  const shape = error as ClientErrorShape;
  const protocolName = shape.type ?? shape.apiId;
  if (protocolName !== undefined && PROTOCOL_ERRORS[protocolName] !== undefined) {
    const message =
      AUTHORIZATION_MESSAGES[protocolName] ??
      shape.serverErrorMessage ??
      shape.message ??
      protocolName;
    return new KafkaError(PROTOCOL_ERRORS[protocolName], message, isRetriable(shape));
  }
  if (UNREACHABLE.has(shape.name ?? '') || UNREACHABLE.has(shape.code ?? '')) {
    return new KafkaError('BROKER_NOT_AVAILABLE', brokerDownMessage(shape), true);
  }
  for (const inner of causesOf(shape)) {
    const translated = findCause(inner, depth + 1);
    if (translated !== undefined) {
      return translated;
    }
  }
  if (
    (shape.name === 'KafkaJSNumberOfRetriesExceeded' || shape.code === 'PLT_KFK_MULTIPLE') &&
    // Retries that ended on a Kafka error code are Kafka's answer, not an unreachable broker.
    protocolErrorIn(error) === undefined
  ) {
    return new KafkaError('BROKER_NOT_AVAILABLE', brokerDownMessage(shape), true);
  }
  return undefined;
}

/** A SASL login Kafka refused, anywhere in the chain of causes the clients wrap it in. */
function isAuthenticationFailure(error: unknown): boolean {
  for (const shape of causeChain(error, 6)) {
    if (
      shape.code === 'PLT_KFK_AUTHENTICATION' ||
      shape.apiId === 'SASL_AUTHENTICATION_FAILED' ||
      shape.name === 'KafkaJSSASLAuthenticationError'
    ) {
      return true;
    }
  }
  return false;
}

function isRetriable(shape: ClientErrorShape): boolean {
  return shape.retriable ?? shape.canRetry ?? false;
}

function brokerDownMessage(shape: ClientErrorShape): string {
  return `Kafka is not reachable: ${shape.message ?? 'no broker answered'}`;
}
