import { RestError } from '@gateway/rest';

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
  // A RestConstraintViolationException with the default code: 422 twice.
  invalidFormat: (): RestError => new RestError('UNPROCESSABLE_ENTITY', 'Invalid format type.'),
};
