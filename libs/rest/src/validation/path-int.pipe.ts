import { PipeTransform } from '@nestjs/common';
import { RestError } from '../errors/rest-error';

/** An integer path parameter; like JAX-RS, a value that is not one makes the route not match (404). */
export class PathIntPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^-?\d+$/.test(value)) {
      throw RestError.notFound();
    }
    return Number(value);
  }
}
