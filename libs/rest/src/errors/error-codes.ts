/**
 * The one catalog of Confluent error codes (../shared/reference/CONFLUENT-REST-NOTES.md §4).
 * No numeric error code appears anywhere else in the code base.
 */
export interface ErrorCodeEntry {
  status: number;
  errorCode: number;
  message: string;
}

export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, errorCode: 400, message: 'Bad Request' },
  KAFKA_BAD_REQUEST: { status: 400, errorCode: 40002, message: 'Bad Request' },
  UNAUTHORIZED: { status: 401, errorCode: 40101, message: 'Authentication failed' },
  FORBIDDEN: { status: 403, errorCode: 40301, message: 'Authorization failed' },
  NOT_FOUND: { status: 404, errorCode: 404, message: 'HTTP 404 Not Found' },
  TOPIC_NOT_FOUND: { status: 404, errorCode: 40401, message: 'Topic not found.' },
  PARTITION_NOT_FOUND: { status: 404, errorCode: 40402, message: 'Partition not found.' },
  UNKNOWN_TOPIC_OR_PARTITION: {
    status: 404,
    errorCode: 40403,
    message: 'This server does not host this topic-partition.',
  },
  METHOD_NOT_ALLOWED: { status: 405, errorCode: 405, message: 'HTTP 405 Method Not Allowed' },
  NOT_ACCEPTABLE: { status: 406, errorCode: 406, message: 'HTTP 406 Not Acceptable' },
  PAYLOAD_TOO_LARGE: { status: 413, errorCode: 413, message: 'Request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    errorCode: 415,
    message: 'HTTP 415 Unsupported Media Type',
  },
  UNPROCESSABLE_ENTITY: { status: 422, errorCode: 422, message: 'Unprocessable Entity' },
  INVALID_PAYLOAD: { status: 422, errorCode: 42206, message: 'Payload error.' },
  TOO_MANY_REQUESTS: { status: 429, errorCode: 429, message: 'Too Many Requests' },
  KAFKA_THROTTLED: { status: 429, errorCode: 42901, message: 'Request was throttled by Kafka.' },
  INTERNAL_SERVER_ERROR: { status: 500, errorCode: 500, message: 'Internal Server Error' },
  KAFKA_ERROR: { status: 500, errorCode: 50002, message: 'Kafka error.' },
  KAFKA_RETRIABLE_ERROR: { status: 500, errorCode: 50003, message: 'Retriable Kafka error.' },
  BROKER_NOT_AVAILABLE: { status: 503, errorCode: 50302, message: 'Kafka broker not available.' },
  // Produce (CONFLUENT-REST-NOTES.md §3.3 to §3.5).
  STREAMING_CONNECTION_EXPIRED: {
    status: 408,
    errorCode: 408,
    message: 'Streaming connection open for longer than allowed: Connection will be closed.',
  },
  BATCH_INVALID: { status: 422, errorCode: 42208, message: 'Invalid batch.' },
  PRODUCE_RATE_LIMITED: {
    status: 429,
    errorCode: 429,
    message:
      'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
  },
  // Gateway extensions (openapi/gateway-extensions.yaml), not in Confluent. 40901 to 40903 are
  // v2 consumer codes, so the next free 409xx code: a group with members cannot be deleted or
  // have its offsets reset (Kafka's NON_EMPTY_GROUP).
  CONSUMER_GROUP_NOT_EMPTY: {
    status: 409,
    errorCode: 40904,
    message: 'The consumer group has active members.',
  },
  // v2 consumers (CONFLUENT-REST-NOTES.md §2 and §4; kafka-rest Errors.java wording).
  CONSUMER_INSTANCE_NOT_FOUND: {
    status: 404,
    errorCode: 40403,
    message: 'Consumer instance not found.',
  },
  CONSUMER_FORMAT_MISMATCH: {
    status: 406,
    errorCode: 40601,
    message:
      'The requested embedded data format does not match the deserializer for this consumer instance',
  },
  CONSUMER_ALREADY_EXISTS: {
    status: 409,
    errorCode: 40902,
    message: 'Consumer with specified consumer ID already exists in the specified consumer group.',
  },
  CONSUMER_ILLEGAL_STATE: { status: 409, errorCode: 40903, message: 'Illegal state: ' },
  // A record the instance's format cannot decode: Kafka's SerializationException, which
  // kafka-rest's KafkaRestExceptionMapper answers 408/40801 (a FIXME there, but its behaviour).
  RECORD_NOT_DESERIALIZABLE: {
    status: 408,
    errorCode: 40801,
    message: 'Error deserializing record.',
  },
  INVALID_CONSUMER_CONFIG: {
    status: 422,
    errorCode: 42204,
    message: 'Invalid consumer configuration: ',
  },
  // kafka-rest's own range checks (fetch.min.bytes), raised while the request body is read: a
  // RestConstraintViolationException, whose status is always 422.
  INVALID_CONSUMER_CONFIG_CONSTRAINT: {
    status: 422,
    errorCode: 40001,
    message: 'Invalid consumer configuration. It does not abide by the constraints: ',
  },
  // HTTP security and slow-client protection (libs/auth).
  REQUEST_TIMEOUT: { status: 408, errorCode: 408, message: 'Request Timeout' },
  // Jetty's HttpParser: a request line alone over the head limit.
  URI_TOO_LONG: { status: 414, errorCode: 414, message: 'URI Too Long' },
  REQUEST_HEADER_FIELDS_TOO_LARGE: {
    status: 431,
    errorCode: 431,
    message: 'Request Header Fields Too Large',
  },
  ADMIN_RATE_LIMITED: {
    status: 429,
    errorCode: 429,
    message:
      'Request rate limit exceeded: The rate limit of requests per second has been exceeded.',
  },
  TOO_MANY_STREAMS: {
    status: 429,
    errorCode: 429,
    message: 'Too many concurrent streaming requests.',
  },
  // Basic: more bcrypt checks waiting for the password worker than it can take.
  TOO_MANY_PASSWORD_CHECKS: {
    status: 429,
    errorCode: 429,
    message: 'Too many password checks in progress: retry later.',
  },
  // A bearer token cannot be checked: the issuer's keys (JWKS URL) could not be fetched.
  AUTHENTICATION_UNAVAILABLE: {
    status: 503,
    errorCode: 503,
    message: 'Service Unavailable: the token signing keys (JWKS) could not be fetched.',
  },
  // Schema Registry (CONFLUENT-REST-NOTES.md §3.1; kafka-rest Errors.java wording). A missing
  // registry is INVALID_PAYLOAD (42206) "Payload error. Schema Registry must be configured ...".
  INVALID_SCHEMA: { status: 422, errorCode: 42205, message: 'Invalid schema: ' },
  // v2 produce with keys or values but no key_schema(_id) / value_schema(_id).
  KEY_SCHEMA_MISSING: {
    status: 422,
    errorCode: 42201,
    message: 'Request includes keys but does not include key schema',
  },
  VALUE_SCHEMA_MISSING: {
    status: 422,
    errorCode: 42202,
    message: 'Request includes values but does not include value schema',
  },
  SCHEMA_SERIALIZATION_ERROR: {
    status: 422,
    errorCode: 42207,
    message: 'Error serializing message. ',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorName = keyof typeof ERROR_CODES;
