import { PipeTransform } from '@nestjs/common';
import { RestError } from '../errors/rest-error';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * An integer path parameter (kafka-rest's are Java Integers); like JAX-RS, a value that is not
 * one, or is beyond int range, makes the route not match (404) instead of reaching Kafka.
 */
export class PathIntPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    // Integer.valueOf, as Jersey converts it: an optional sign, then digits.
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= INT_MIN && n <= INT_MAX)) {
      throw RestError.notFound();
    }
    return n;
  }
}
