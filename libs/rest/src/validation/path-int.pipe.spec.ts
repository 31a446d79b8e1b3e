import { describe, expect, it } from 'vitest';
import { RestError } from '../errors/rest-error';
import { PathIntPipe } from './path-int.pipe';

describe(PathIntPipe.name, () => {
  const pipe = new PathIntPipe();

  it('reads Java ints', () => {
    expect(pipe.transform('0')).toBe(0);
    expect(pipe.transform('-1')).toBe(-1);
    expect(pipe.transform('2147483647')).toBe(2 ** 31 - 1);
    expect(pipe.transform('-2147483648')).toBe(-(2 ** 31));
    // Integer.valueOf takes a leading plus sign.
    expect(pipe.transform('+1')).toBe(1);
  });

  it('does not match anything else, as JAX-RS does not (404)', () => {
    for (const value of [
      '2147483648',
      '-2147483649',
      '99999999999999999999',
      '1.5',
      'x',
      '',
      '+',
      '+-1',
    ]) {
      expect(() => pipe.transform(value)).toThrow(RestError);
      try {
        pipe.transform(value);
      } catch (error) {
        expect((error as RestError).status).toBe(404);
      }
    }
  });
});
