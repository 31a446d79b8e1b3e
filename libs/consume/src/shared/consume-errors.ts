import { RestError } from '@gateway/rest';

const SEEK_PAST = 'If needed, please seek past the record to continue consumption.';

/** The v2 consumer and consume errors, with Confluent's wording (kafka-rest Errors.java). */
export const ConsumeErrors = {
  instanceNotFound: (): RestError => new RestError('CONSUMER_INSTANCE_NOT_FOUND'),
  formatMismatch: (): RestError => new RestError('CONSUMER_FORMAT_MISMATCH'),
  alreadyExists: (): RestError => new RestError('CONSUMER_ALREADY_EXISTS'),
  illegalState: (detail: string): RestError =>
    new RestError('CONSUMER_ILLEGAL_STATE', `Illegal state: ${detail}`),
  invalidConfig: (detail: string): RestError =>
    new RestError('INVALID_CONSUMER_CONFIG', `Invalid consumer configuration: ${detail}`),
  invalidConfigConstraint: (detail: string): RestError =>
    new RestError(
      'INVALID_CONSUMER_CONFIG_CONSTRAINT',
      `Invalid consumer configuration. It does not abide by the constraints: ${detail}`,
    ),
  badRequest: (detail: string): RestError => RestError.badRequest(detail),
  /**
   * A v2 consumer resource's `@Valid @NotNull` body (its fourth parameter) missing, as
   * Hibernate Validator words it and rest-utils answers it.
   */
  nullBody: (method: string) => (): RestError =>
    new RestError('UNPROCESSABLE_ENTITY', `${method}.arg3 must not be null (was null)`),
  /**
   * A v2 instance cannot decode a record's key or value: the Java consumer's
   * RecordDeserializationException text (with `reason` when it is ours to give), 408/40801.
   */
  recordNotDeserializable: (
    field: 'key' | 'value',
    record: { topic: string; partition: number; offset: number },
    reason?: string,
  ): RestError => {
    const where = `Error deserializing ${field.toUpperCase()} for partition ${record.topic}-${record.partition} at offset ${record.offset}`;
    const detail = reason === undefined ? '' : `: ${reason}`;
    return new RestError('RECORD_NOT_DESERIALIZABLE', `${where}${detail}. ${SEEK_PAST}`);
  },
  // A RestConstraintViolationException with the default code: 422 twice.
  invalidFormat: (): RestError => new RestError('UNPROCESSABLE_ENTITY', 'Invalid format type.'),
};
