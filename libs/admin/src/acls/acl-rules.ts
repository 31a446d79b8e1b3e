import { AclBinding } from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import { CreateAclRequest } from './acls.dto';

/**
 * A new ACL names one concrete binding: no wildcard enums (ANY, MATCH, UNKNOWN), which kafka-rest
 * answers with 400. What Kafka itself refuses (a CLUSTER resource not named kafka-cluster, a
 * principal without a type) is left to Kafka, which judges each binding of a batch on its own.
 */
export function toNewAcl(request: CreateAclRequest): AclBinding {
  refuse('resource_type', request.resource_type, ['ANY', 'UNKNOWN']);
  refuse('pattern_type', request.pattern_type, ['ANY', 'MATCH', 'UNKNOWN']);
  refuse('operation', request.operation, ['ANY', 'UNKNOWN']);
  refuse('permission', request.permission, ['ANY', 'UNKNOWN']);
  return {
    resourceType: request.resource_type,
    resourceName: request.resource_name,
    patternType: request.pattern_type,
    principal: request.principal,
    host: request.host,
    operation: request.operation,
    permission: request.permission,
  };
}

function refuse(field: string, value: string, forbidden: string[]): void {
  if (forbidden.includes(value)) {
    throw RestError.badRequest(`${field} cannot be ${value}`);
  }
}
