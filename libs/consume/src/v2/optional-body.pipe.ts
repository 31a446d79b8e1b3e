import { PipeTransform } from '@nestjs/common';
import { ZodType, ZodTypeDef } from 'zod';
import { ZodBodyPipe } from '@gateway/rest';

/** A body that may be absent (commit with no body commits everything consumed). */
export class OptionalBodyPipe<T> implements PipeTransform<unknown, T | undefined> {
  private readonly validation: ZodBodyPipe<T>;

  constructor(schema: ZodType<T, ZodTypeDef, unknown>) {
    this.validation = new ZodBodyPipe(schema);
  }

  transform(value: unknown): T | undefined {
    return value === undefined || value === null || value === ''
      ? undefined
      : this.validation.transform(value);
  }
}
