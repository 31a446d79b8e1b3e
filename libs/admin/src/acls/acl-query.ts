import {
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  AclBindingFilter,
} from '@gateway/kafka';
import { kafkaTextParam, RestError } from '@gateway/rest';
import { AclQuery } from './acls.dto';

/** GET .../acls: every parameter is optional; missing enums mean ANY, missing strings match all. */
export function parseSearchQuery(query: AclQuery): AclBindingFilter {
  return parse(query, false);
}

/** DELETE .../acls: the four enums are required, so a delete never silently matches everything. */
export function parseDeleteQuery(query: AclQuery): AclBindingFilter {
  return parse(query, true);
}

function parse(query: AclQuery, enumsRequired: boolean): AclBindingFilter {
  const choice = <T extends string>(name: string, names: readonly T[]): T =>
    enumParam(query, name, names, enumsRequired);
  return {
    resourceType: choice('resource_type', ACL_RESOURCE_TYPES),
    resourceName: stringParam(query, 'resource_name'),
    patternType: choice('pattern_type', ACL_PATTERN_TYPES),
    principal: stringParam(query, 'principal'),
    host: stringParam(query, 'host'),
    operation: choice('operation', ACL_OPERATIONS),
    permission: choice('permission', ACL_PERMISSIONS),
  };
}

/** Like JAX-RS, a repeated parameter counts once: the first value wins. */
function first(query: AclQuery, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

function stringParam(query: AclQuery, name: string): string | null {
  const value = first(query, name);
  return value === undefined || value === '' ? null : kafkaTextParam(name, value);
}

function enumParam<T extends string>(
  query: AclQuery,
  name: string,
  names: readonly T[],
  required: boolean,
): T {
  const raw = first(query, name);
  const value = raw?.toUpperCase();
  // JAX-RS answers a query parameter its converter refuses with a plain 404 (kafka-rest's
  // AclsResourceIntegrationTest: resource_type=teapot); an empty one is converted too (only an
  // absent one takes the default), and kafka-rest's EnumConverterProvider refuses ''.
  if (value !== undefined && !names.includes(value as T)) {
    throw new RestError('NOT_FOUND');
  }
  if (required && (value === undefined || value === 'UNKNOWN')) {
    throw RestError.badRequest(`${name} cannot be unspecified or UNKNOWN`);
  }
  if (value === 'UNKNOWN') {
    throw RestError.badRequest(`${name} cannot be UNKNOWN`);
  }
  return (value ?? 'ANY') as T;
}
