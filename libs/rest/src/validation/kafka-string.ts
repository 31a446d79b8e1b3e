import { z } from 'zod';
import { RestError } from '../errors/rest-error';
import { scalarString } from './scalar-string';

/** The longest string Kafka's protocol carries, in UTF-8 bytes (its int16 length prefix). */
export const KAFKA_STRING_MAX_BYTES = 32_767;

/**
 * Text that goes into a Kafka request as a protocol string. A longer one is refused here: the
 * broker cannot parse it and closes the connection, failing every request sharing it.
 */
export function kafkaText(text: z.ZodString = z.string()) {
  return text.refine(fitsKafka, { message: TOO_LONG });
}

/** A query parameter that goes into a Kafka request: 400 when longer than Kafka takes. */
export function kafkaTextParam(name: string, value: string): string {
  if (!fitsKafka(value)) {
    throw RestError.badRequest(`Invalid value for '${name}': ${TOO_LONG}`);
  }
  return value;
}

const TOO_LONG = `String must be at most ${KAFKA_STRING_MAX_BYTES} bytes in UTF-8 (Kafka's limit)`;

function fitsKafka(value: string): boolean {
  return Buffer.byteLength(value, 'utf8') <= KAFKA_STRING_MAX_BYTES;
}

/** A Java String body field (see `scalarString`) that goes into a Kafka request. */
export function kafkaString(text?: z.ZodString) {
  return scalarString(kafkaText(text));
}
