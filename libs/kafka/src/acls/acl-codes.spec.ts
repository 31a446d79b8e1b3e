import { describe, expect, it } from 'vitest';
import { fromProtocolAcl, toProtocolAcl, toProtocolFilter } from './acl-codes';
import { AclBinding } from './acl.types';

const ACL: AclBinding = {
  resourceType: 'GROUP',
  resourceName: 'g',
  patternType: 'PREFIXED',
  principal: 'User:bob',
  host: '1.2.3.4',
  operation: 'IDEMPOTENT_WRITE',
  permission: 'DENY',
};

describe('ACL protocol codes', () => {
  it("uses Kafka's codes and reads them back", () => {
    const wire = toProtocolAcl(ACL);
    expect(wire).toEqual({
      resourceType: 3,
      resourceName: 'g',
      resourcePatternType: 4,
      principal: 'User:bob',
      host: '1.2.3.4',
      operation: 12,
      permissionType: 2,
    });
    expect(fromProtocolAcl(wire)).toEqual(ACL);
  });

  it('sends null filter strings as null (match any)', () => {
    const filter = { ...ACL, resourceName: null, principal: null, host: null };
    expect(toProtocolFilter({ ...filter, operation: 'ANY' })).toMatchObject({
      resourceName: null,
      principal: null,
      host: null,
      operation: 1,
    });
  });

  it('reads codes it has no name for (the USER resource type) as UNKNOWN', () => {
    const wire = { ...toProtocolAcl(ACL), resourceType: 7 as const };
    expect(fromProtocolAcl(wire).resourceType).toBe('UNKNOWN');
  });
});
