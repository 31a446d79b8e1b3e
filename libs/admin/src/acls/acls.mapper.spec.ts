import { describe, expect, it } from 'vitest';
import { AclBinding } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { aclSearchUrl, bindingParams, compareAcls, toAclData } from './acls.mapper';

const urls = new ResourceUrls('http://gw:8082/kafka/v3', '');
const ACL: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'a b&c',
  patternType: 'PREFIXED',
  principal: 'User:alice',
  host: '*',
  operation: 'ALL',
  permission: 'ALLOW',
};

describe('toAclData', () => {
  it('links to the search that finds exactly this ACL, with an escaped query', () => {
    expect(toAclData('c1', ACL, urls)).toEqual({
      kind: 'KafkaAcl',
      metadata: {
        self: 'http://gw:8082/kafka/v3/clusters/c1/acls?resource_type=TOPIC&resource_name=a+b%26c&pattern_type=PREFIXED&principal=User%3Aalice&host=*&operation=ALL&permission=ALLOW',
      },
      cluster_id: 'c1',
      resource_type: 'TOPIC',
      resource_name: 'a b&c',
      pattern_type: 'PREFIXED',
      principal: 'User:alice',
      host: '*',
      operation: 'ALL',
      permission: 'ALLOW',
    });
  });
});

describe('aclSearchUrl', () => {
  it('writes absent filter strings as empty parameters', () => {
    const filter = { ...ACL, resourceName: null, principal: null, host: null };
    expect(aclSearchUrl('c1', bindingParams(filter), urls)).toBe(
      'http://gw:8082/kafka/v3/clusters/c1/acls?resource_type=TOPIC&resource_name=&pattern_type=PREFIXED&principal=&host=&operation=ALL&permission=ALLOW',
    );
  });
});

describe('compareAcls', () => {
  it('orders enums by Kafka code and strings by code unit, field by field', () => {
    const group = { ...ACL, resourceType: 'GROUP' as const };
    const upper = { ...ACL, resourceName: 'Z' };
    const literal = { ...ACL, patternType: 'LITERAL' as const };
    const deny = { ...ACL, permission: 'DENY' as const };
    const read = { ...ACL, operation: 'READ' as const };
    const sorted = [group, read, deny, ACL, literal, upper].sort(compareAcls);
    expect(sorted).toEqual([upper, literal, deny, ACL, read, group]);
  });
});
