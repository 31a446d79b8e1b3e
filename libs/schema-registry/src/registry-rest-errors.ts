import { RestError } from '@gateway/rest';
import { RegistryHttpError, RegistryUnreachableError } from './client/registry-errors';
import {
  errorMessage,
  InvalidDataError,
  InvalidSchemaError,
  UndecodableDataError,
} from './serde/schema-codec';
import { WireFormatError } from './serde/wire-format';
import { SubjectNameError } from './subject-name-strategy';

/** Confluent: "Payload error. Schema Registry must be configured when using schemas." (42206). */
export function registryNotConfigured(): RestError {
  return RestError.invalidPayload('Schema Registry must be configured when using schemas.');
}

/**
 * Any failure of a schema step as the Confluent error (CONFLUENT-REST-NOTES.md §3.1): a registry
 * auth failure is 40301, any other registry failure 42207 "Error serializing message. <context>\n…",
 * an unparsable schema 42205, data that does not match its schema 400. Never throws.
 */
export function toSchemaRestError(error: unknown, context: string): RestError {
  if (error instanceof RestError) {
    return error;
  }
  if (error instanceof SubjectNameError || error instanceof InvalidDataError) {
    return RestError.badRequest(error.message);
  }
  if (error instanceof InvalidSchemaError) {
    // The parser's reason is not told: kafka-rest's SchemaProvider.parseSchema swallows it.
    return new RestError('INVALID_SCHEMA', `Invalid schema: ${context}`);
  }
  if (error instanceof RegistryHttpError && error.isAuthError) {
    // kafka-rest: RestException(<context>, 403, 40301), without the registry's message.
    return new RestError('FORBIDDEN', context);
  }
  // kafka-rest's SchemaManagerImpl: the context, a new line, then the registry client's
  // RestClientException message ("<message>; error code: <code>") or the I/O error's.
  if (error instanceof RegistryHttpError) {
    const code = error.registryCode === undefined ? '' : `; error code: ${error.registryCode}`;
    return serializationError(`${context}\n${error.message}${code}`);
  }
  if (error instanceof RegistryUnreachableError) {
    return serializationError(`${context}\nSchema Registry is unreachable: ${error.message}`);
  }
  if (error instanceof UndecodableDataError || error instanceof WireFormatError) {
    return serializationError(`${context}: ${error.message}`);
  }
  return serializationError(`${context}: ${errorMessage(error)}`);
}

function serializationError(detail: string): RestError {
  return new RestError('SCHEMA_SERIALIZATION_ERROR', `Error serializing message. ${detail}`);
}
