import { stringifyJsonExact } from '@gateway/schema-registry';
import { RestError } from '@gateway/rest';
import { parseProduceRequest, ProduceRequest, UnknownFieldError } from '../produce/produce-request';

export interface BatchEntry {
  id: string;
  request: ProduceRequest;
  /** The entry's JSON text size, for the bytes rate limit. */
  jsonBytes: number;
}

const ENTRY_ID = /^[0-9a-zA-Z_-]{1,80}$/;
const ID_FIELD = new Set(['id']);

/**
 * Validates a `ProduceBatchRequest` as kafka-rest does (§3.4): problems with the batch itself
 * are a 422 for the whole request (42208), unknown fields a 422 "Unrecognized field".
 */
export function parseBatchRequest(body: unknown, maxEntries: number): BatchEntry[] {
  if (body === undefined || body === null) {
    throw batchError('Request body is empty. Data is required.');
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw RestError.badRequest('Cannot deserialize value of type `ProduceBatchRequest`');
  }
  const fields = Object.keys(body);
  const unknown = fields.find((f) => f !== 'entries');
  if (unknown !== undefined) {
    throw RestError.unrecognizedField(unknown);
  }
  const { entries } = body as { entries?: unknown };
  if (
    entries === undefined ||
    entries === null ||
    (Array.isArray(entries) && entries.length === 0)
  ) {
    throw batchError('Empty batch.');
  }
  if (!Array.isArray(entries)) {
    throw RestError.badRequest('Cannot deserialize value of entries: expected an array');
  }
  // Jackson maps every entry first; kafka-rest's ProduceBatchAction then checks the ids before
  // the count.
  const parsed = entries.map(parseEntry);
  if (new Set(parsed.map((e) => e.id)).size !== parsed.length) {
    throw batchError('Batch entry IDs are not distinct.');
  }
  if (entries.length > maxEntries) {
    throw batchError('Too many entries in batch.');
  }
  return parsed;
}

function parseEntry(entry: unknown): BatchEntry {
  const id = (entry as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !ENTRY_ID.test(id)) {
    throw batchError('Batch entry identifier is not a valid string.');
  }
  try {
    return {
      id,
      request: parseProduceRequest(entry, ID_FIELD),
      jsonBytes: Buffer.byteLength(stringifyJsonExact(entry)),
    };
  } catch (error) {
    if (error instanceof UnknownFieldError) {
      throw RestError.unrecognizedField(error.field);
    }
    throw error;
  }
}

function batchError(message: string): RestError {
  return new RestError('BATCH_INVALID', message);
}
