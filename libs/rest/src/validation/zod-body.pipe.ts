import { PipeTransform } from '@nestjs/common';
import { ZodError, ZodType, ZodTypeDef } from 'zod';
import { RestError } from '../errors/rest-error';

/**
 * Validates a JSON body the way kafka-rest's Jackson setup does: an empty body is 422, an
 * unknown field is 422 "Unrecognized field: x", a missing or mistyped field is 400.
 */
export class ZodBodyPipe<T> implements PipeTransform<unknown, T> {
  /** `emptyBodyDetail`: kafka-rest's wording for this body's empty-body 422, when it has one. */
  constructor(
    private readonly schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly emptyBodyDetail?: string,
  ) {}

  transform(value: unknown): T {
    if (value === undefined || value === null || value === '') {
      throw this.emptyBodyDetail === undefined
        ? RestError.emptyBody()
        : RestError.invalidPayload(this.emptyBodyDetail);
    }
    const result = this.schema.safeParse(value);
    if (result.success) {
      return result.data;
    }
    throw toBodyError(result.error);
  }
}

function toBodyError(error: ZodError): RestError {
  const unknownField = error.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknownField !== undefined && unknownField.code === 'unrecognized_keys') {
    return RestError.unrecognizedField(unknownField.keys[0]);
  }
  const issue = error.issues[0];
  const field = issue.path.join('.');
  return RestError.badRequest(
    field === ''
      ? `Invalid request body: ${issue.message}`
      : `Invalid value for '${field}': ${issue.message}`,
  );
}
