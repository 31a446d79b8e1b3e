import { KafkaError, KafkaErrorKind } from '@gateway/kafka';
import { ErrorName } from './error-codes';
import { RestError } from './rest-error';

// How kafka-rest's KafkaExceptionMapper answers each Kafka failure.
const KAFKA_ERRORS: Record<KafkaErrorKind, ErrorName> = {
  TOPIC_NOT_FOUND: 'UNKNOWN_TOPIC_OR_PARTITION',
  TOPIC_ALREADY_EXISTS: 'KAFKA_BAD_REQUEST',
  INVALID_TOPIC: 'KAFKA_BAD_REQUEST',
  BAD_REQUEST: 'KAFKA_BAD_REQUEST',
  SECURITY_DISABLED: 'KAFKA_BAD_REQUEST',
  AUTHENTICATION_FAILED: 'UNAUTHORIZED',
  AUTHORIZATION_FAILED: 'FORBIDDEN',
  BROKER_NOT_AVAILABLE: 'BROKER_NOT_AVAILABLE',
  RECORD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  THROTTLED: 'KAFKA_THROTTLED',
  UNKNOWN: 'KAFKA_ERROR',
};

export function restErrorFromKafka(error: KafkaError): RestError {
  const name = KAFKA_ERRORS[error.kind];
  if (name === 'KAFKA_ERROR' && error.retriable) {
    return new RestError('KAFKA_RETRIABLE_ERROR', error.message);
  }
  return new RestError(name, error.message);
}
