import { z } from 'zod';
import { scalarString } from './scalar-string';

/** The longest string Kafka's protocol carries, in UTF-8 bytes (its int16 length prefix). */
export const KAFKA_STRING_MAX_BYTES = 32_767;

/**
 * Text that goes into a Kafka request as a protocol string. A longer one is refused here: the
 * broker cannot parse it and closes the connection, failing every request sharing it.
 */
export function kafkaText(text: z.ZodString = z.string()) {
  return text.refine((value) => Buffer.byteLength(value, 'utf8') <= KAFKA_STRING_MAX_BYTES, {
    message: `String must be at most ${KAFKA_STRING_MAX_BYTES} bytes in UTF-8 (Kafka's limit)`,
  });
}

/** A Java String body field (see `scalarString`) that goes into a Kafka request. */
export function kafkaString(text?: z.ZodString) {
  return scalarString(kafkaText(text));
}
