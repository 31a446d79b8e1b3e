import { PipeTransform } from '@nestjs/common';
import { ZodError, ZodType, ZodTypeDef } from 'zod';
import { RestError } from '../errors/rest-error';

/**
 * Validates a JSON body the way kafka-rest's Jackson setup does: an empty body is 422, an
 * unknown field is 422 "Unrecognized field: x", a missing or mistyped field is 400.
 */
export class ZodBodyPipe<T> implements PipeTransform<unknown, T> {
  /**
   * `emptyBody`: kafka-rest's answer to this body when it is empty (or null), when it has its
   * own: the detail of its "Payload error." 422, or the whole error.
   */
  constructor(
    private readonly schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly emptyBody?: string | (() => RestError),
  ) {}

  transform(value: unknown): T {
    if (value === undefined || value === null || value === '') {
      if (typeof this.emptyBody === 'function') {
        throw this.emptyBody();
      }
      throw this.emptyBody === undefined
        ? RestError.emptyBody()
        : RestError.invalidPayload(this.emptyBody);
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
