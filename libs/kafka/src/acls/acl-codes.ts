import type {
  Acl,
  AclFilter,
  AclOperationValue,
  AclPermissionTypeValue,
  ResourcePatternTypeValue,
  ResourceTypeValue,
} from '@platformatic/kafka';
import {
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  AclBinding,
  AclBindingFilter,
} from './acl.types';

type ProtocolCodes = Pick<
  Acl,
  'resourceType' | 'resourcePatternType' | 'operation' | 'permissionType'
>;

/** A code this gateway has no name for (e.g. the USER resource type) reads as UNKNOWN. */
function label<T extends string>(names: readonly T[], code: number): T {
  return names[code] ?? names[0];
}

function codes(acl: AclBinding | AclBindingFilter): ProtocolCodes {
  return {
    resourceType: ACL_RESOURCE_TYPES.indexOf(acl.resourceType) as ResourceTypeValue,
    resourcePatternType: ACL_PATTERN_TYPES.indexOf(acl.patternType) as ResourcePatternTypeValue,
    operation: ACL_OPERATIONS.indexOf(acl.operation) as AclOperationValue,
    permissionType: ACL_PERMISSIONS.indexOf(acl.permission) as AclPermissionTypeValue,
  };
}

export function toProtocolAcl(acl: AclBinding): Acl {
  return {
    ...codes(acl),
    resourceName: acl.resourceName,
    principal: acl.principal,
    host: acl.host,
  };
}

export function toProtocolFilter(filter: AclBindingFilter): AclFilter {
  return {
    ...codes(filter),
    resourceName: filter.resourceName,
    principal: filter.principal,
    host: filter.host,
  };
}

export function fromProtocolAcl(acl: Acl): AclBinding {
  return {
    resourceType: label(ACL_RESOURCE_TYPES, acl.resourceType),
    resourceName: acl.resourceName,
    patternType: label(ACL_PATTERN_TYPES, acl.resourcePatternType),
    principal: acl.principal,
    host: acl.host,
    operation: label(ACL_OPERATIONS, acl.operation),
    permission: label(ACL_PERMISSIONS, acl.permissionType),
  };
}

/** Same binding, field by field (used to wait until the broker's view catches up). */
export function sameAcl(a: AclBinding, b: AclBinding): boolean {
  return (
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.principal === b.principal &&
    a.host === b.host &&
    a.operation === b.operation &&
    a.permission === b.permission
  );
}
