import {
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  AclBinding,
  AclBindingFilter,
} from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { AclData, AclSearchParams } from './acls.dto';

/** `.../acls?resource_type=..&...&permission=..`: all seven, in kafka-rest's order. */
export function aclSearchUrl(
  clusterId: string,
  params: AclSearchParams,
  urls: ResourceUrls,
): string {
  const query = new URLSearchParams({ ...params });
  return `${urls.url('clusters', clusterId, 'acls')}?${query.toString()}`;
}

export function bindingParams(acl: AclBinding | AclBindingFilter): AclSearchParams {
  return {
    resource_type: acl.resourceType,
    resource_name: acl.resourceName ?? '',
    pattern_type: acl.patternType,
    principal: acl.principal ?? '',
    host: acl.host ?? '',
    operation: acl.operation,
    permission: acl.permission,
  };
}

export function toAclData(clusterId: string, acl: AclBinding, urls: ResourceUrls): AclData {
  return {
    kind: 'KafkaAcl',
    metadata: { self: aclSearchUrl(clusterId, bindingParams(acl), urls) },
    cluster_id: clusterId,
    resource_type: acl.resourceType,
    resource_name: acl.resourceName,
    pattern_type: acl.patternType,
    principal: acl.principal,
    host: acl.host,
    operation: acl.operation,
    permission: acl.permission,
  };
}

/**
 * kafka-rest's order: resource type, resource name, pattern type, principal, host, operation,
 * permission; enums by declaration order (= protocol code), strings by UTF-16 code units.
 */
export function compareAcls(a: AclBinding, b: AclBinding): number {
  return (
    ACL_RESOURCE_TYPES.indexOf(a.resourceType) - ACL_RESOURCE_TYPES.indexOf(b.resourceType) ||
    compareStrings(a.resourceName, b.resourceName) ||
    ACL_PATTERN_TYPES.indexOf(a.patternType) - ACL_PATTERN_TYPES.indexOf(b.patternType) ||
    compareStrings(a.principal, b.principal) ||
    compareStrings(a.host, b.host) ||
    ACL_OPERATIONS.indexOf(a.operation) - ACL_OPERATIONS.indexOf(b.operation) ||
    ACL_PERMISSIONS.indexOf(a.permission) - ACL_PERMISSIONS.indexOf(b.permission)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
