import { PipeTransform } from '@nestjs/common';
import { RestError, ZodBodyPipe } from '@gateway/rest';
import { BatchCreateAclRequest } from './acls.dto';

/**
 * The batch body as kafka-rest's CreateAclBatchAction reads it: a JSON `null` and a body without a
 * `data` list are 422 payload errors; the entries are then validated like a single create. An
 * empty body is a null there too: Jackson's JAX-RS provider reads empty input as null.
 */
export class AclsBatchBodyPipe implements PipeTransform<unknown, BatchCreateAclRequest> {
  private readonly schema = new ZodBodyPipe(BatchCreateAclRequest);

  transform(value: unknown): BatchCreateAclRequest {
    if (value === undefined || value === '' || value === null) {
      throw RestError.invalidPayload('Null input provided. Data is required.');
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw RestError.invalidPayload('Invalid input provided. Data is required.');
    }
    const { data } = value as { data?: unknown };
    if (data === undefined || data === null) {
      throw RestError.invalidPayload('Empty input provided. Data is required.');
    }
    return this.schema.transform(value);
  }
}
