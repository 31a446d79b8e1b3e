import { RestError } from '@gateway/rest';
import {
  checkSchemaRequest,
  SchemaRequest,
  schemaRequestOf,
  SUBJECT_NAME_STRATEGIES,
} from '@gateway/schema-registry';
import { ProduceRequestData, SerializationContext } from './record-serializer';

/**
 * The schema request of a key or value with schema fields, after the checks kafka-rest makes
 * while parsing it (Jackson's enum mapping, ProduceRequestData's build()): those are 400s
 * whether or not a registry is configured. Null for BINARY, JSON and STRING.
 */
export function checkedSchemaRequest(
  request: ProduceRequestData,
  context: SerializationContext,
): SchemaRequest | null {
  const strategy = request.subject_name_strategy;
  if (typeof strategy === 'string' && !(SUBJECT_NAME_STRATEGIES as string[]).includes(strategy)) {
    throw RestError.badRequest(
      `Bad Request: subject_name_strategy=${strategy} is not one of ${SUBJECT_NAME_STRATEGIES.join(', ')}.`,
    );
  }
  const schemaRequest = schemaRequestOf(context.topic, context.isKey, withoutNulls(request));
  if (schemaRequest !== null) {
    try {
      checkSchemaRequest(schemaRequest);
    } catch (error) {
      throw withTitle(error);
    }
  }
  return schemaRequest;
}

/** Receipts say "Bad Request: <detail>" (StatusCodeException's "<Title>: <detail>"). */
export function withTitle(error: unknown): unknown {
  if (
    error instanceof RestError &&
    error.errorCode === 400 &&
    !error.message.startsWith('Bad Request: ')
  ) {
    return RestError.badRequest(`Bad Request: ${error.message}`);
  }
  return error;
}

/** JSON nulls mean "not given" for the schema fields, as Jackson maps them. */
function withoutNulls(request: ProduceRequestData): Parameters<typeof schemaRequestOf>[2] {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request)) {
    if (value !== null && name !== 'data') {
      out[name] = value;
    }
  }
  return out;
}
