import { describe, expect, it } from 'vitest';
import { RestError } from '@gateway/rest';
import { parseDeleteQuery, parseSearchQuery } from './acl-query';

function badRequest(run: () => unknown): { error_code: number; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RestError);
    return (error as RestError).toBody();
  }
  throw new Error('expected a RestError');
}

describe('parseSearchQuery', () => {
  it('matches everything when no parameter is given', () => {
    expect(parseSearchQuery({})).toEqual({
      resourceType: 'ANY',
      resourceName: null,
      patternType: 'ANY',
      principal: null,
      host: null,
      operation: 'ANY',
      permission: 'ANY',
    });
  });

  it('upper-cases enums, keeps strings, treats empty strings as absent and takes the first of repeats', () => {
    expect(
      parseSearchQuery({
        resource_type: 'topic',
        resource_name: 'Orders',
        pattern_type: ['prefixed', 'literal'],
        principal: 'User:alice',
        host: '',
        operation: 'Describe_Configs',
        permission: 'deny',
      }),
    ).toEqual({
      resourceType: 'TOPIC',
      resourceName: 'Orders',
      patternType: 'PREFIXED',
      principal: 'User:alice',
      host: null,
      operation: 'DESCRIBE_CONFIGS',
      permission: 'DENY',
    });
  });

  it('refuses UNKNOWN (400) and values Kafka does not define (404, as JAX-RS)', () => {
    expect(badRequest(() => parseSearchQuery({ pattern_type: 'unknown' }))).toEqual({
      error_code: 400,
      message: 'pattern_type cannot be UNKNOWN',
    });
    expect(badRequest(() => parseSearchQuery({ resource_type: 'USER' }))).toEqual({
      error_code: 404,
      message: 'HTTP 404 Not Found',
    });
  });
});

describe('parseDeleteQuery', () => {
  const required = {
    resource_type: 'TOPIC',
    pattern_type: 'ANY',
    operation: 'ANY',
    permission: 'ALLOW',
  };

  it('accepts ANY for the required enums', () => {
    expect(parseDeleteQuery(required)).toMatchObject({
      resourceType: 'TOPIC',
      patternType: 'ANY',
      operation: 'ANY',
      permission: 'ALLOW',
    });
  });

  it.each(Object.keys(required))('requires %s', (name) => {
    const message = `${name} cannot be unspecified or UNKNOWN`;
    expect(badRequest(() => parseDeleteQuery({ ...required, [name]: undefined }))).toEqual({
      error_code: 400,
      message,
    });
    // Present but empty is converted, and refused, like any unknown value.
    expect(badRequest(() => parseDeleteQuery({ ...required, [name]: '' }))).toEqual({
      error_code: 404,
      message: 'HTTP 404 Not Found',
    });
    expect(badRequest(() => parseDeleteQuery({ ...required, [name]: 'Unknown' }))).toEqual({
      error_code: 400,
      message,
    });
  });
});
