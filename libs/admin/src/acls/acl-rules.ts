import { AclBinding } from '@gateway/kafka';
import { RestError } from '@gateway/rest';
import { CreateAclRequest } from './acls.dto';

/** Kafka's one name for the CLUSTER resource. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

/**
 * A new ACL names one concrete binding: no wildcard enums (ANY, MATCH, UNKNOWN). kafka-rest
 * answers those with 400, and a CLUSTER resource with another name with 40002.
 */
export function toNewAcl(request: CreateAclRequest): AclBinding {
  refuse('resource_type', request.resource_type, ['ANY', 'UNKNOWN']);
  refuse('pattern_type', request.pattern_type, ['ANY', 'MATCH', 'UNKNOWN']);
  refuse('operation', request.operation, ['ANY', 'UNKNOWN']);
  refuse('permission', request.permission, ['ANY', 'UNKNOWN']);
  if (request.resource_type === 'CLUSTER' && request.resource_name !== CLUSTER_RESOURCE_NAME) {
    throw new RestError(
      'KAFKA_BAD_REQUEST',
      `The only valid name for the CLUSTER resource is ${CLUSTER_RESOURCE_NAME}`,
    );
  }
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
