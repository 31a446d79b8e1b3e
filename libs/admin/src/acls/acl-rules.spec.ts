import { describe, expect, it } from 'vitest';
import { RestError } from '@gateway/rest';
import { toNewAcl } from './acl-rules';
import { CreateAclRequest } from './acls.dto';

const REQUEST: CreateAclRequest = {
  resource_type: 'TOPIC',
  resource_name: 'orders',
  pattern_type: 'LITERAL',
  principal: 'User:alice',
  host: '*',
  operation: 'READ',
  permission: 'ALLOW',
};

function errorOf(request: CreateAclRequest): unknown {
  try {
    toNewAcl(request);
  } catch (error) {
    return (error as RestError).toBody();
  }
  return undefined;
}

describe('toNewAcl', () => {
  it('turns a concrete request into a binding', () => {
    expect(toNewAcl(REQUEST)).toEqual({
      resourceType: 'TOPIC',
      resourceName: 'orders',
      patternType: 'LITERAL',
      principal: 'User:alice',
      host: '*',
      operation: 'READ',
      permission: 'ALLOW',
    });
  });

  it.each([
    [{ resource_type: 'ANY' }, 'resource_type cannot be ANY'],
    [{ pattern_type: 'MATCH' }, 'pattern_type cannot be MATCH'],
    [{ pattern_type: 'UNKNOWN' }, 'pattern_type cannot be UNKNOWN'],
    [{ operation: 'UNKNOWN' }, 'operation cannot be UNKNOWN'],
    [{ permission: 'ANY' }, 'permission cannot be ANY'],
  ] as const)('refuses the wildcard in %o', (override, message) => {
    expect(errorOf({ ...REQUEST, ...override })).toEqual({ error_code: 400, message });
  });
});
