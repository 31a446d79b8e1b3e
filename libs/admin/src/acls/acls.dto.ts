import { z } from 'zod';
import {
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  AclOperation,
  AclPatternType,
  AclPermission,
  AclResourceType,
} from '@gateway/kafka';
import { CollectionMetadata, kafkaString } from '@gateway/rest';

/** An ACL has no CRN: its `metadata.self` is the search URL that finds exactly it. */
export interface AclData {
  kind: 'KafkaAcl';
  metadata: { self: string };
  cluster_id: string;
  resource_type: AclResourceType;
  resource_name: string;
  pattern_type: AclPatternType;
  principal: string;
  host: string;
  operation: AclOperation;
  permission: AclPermission;
}

export interface AclDataList {
  kind: 'KafkaAclList';
  metadata: CollectionMetadata;
  data: AclData[];
}

/** kafka-rest answers a delete with the bare list: no kind, no metadata. */
export interface DeleteAclsResponse {
  data: AclData[];
}

/** The seven search parameters, as they appear in ACL search URLs (and in this order). */
export interface AclSearchParams {
  resource_type: string;
  resource_name: string;
  pattern_type: string;
  principal: string;
  host: string;
  operation: string;
  permission: string;
}

export type AclQuery = Record<string, string | string[] | undefined>;

// Enum values are case-insensitive, like kafka-rest's EnumConverterProvider.
function anyCase<T extends string>(names: readonly [T, ...T[]]) {
  return z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(names));
}

export const CreateAclRequest = z
  .object({
    resource_type: anyCase(ACL_RESOURCE_TYPES),
    resource_name: kafkaString(),
    pattern_type: anyCase(ACL_PATTERN_TYPES),
    principal: kafkaString(),
    host: kafkaString(),
    operation: anyCase(ACL_OPERATIONS),
    permission: anyCase(ACL_PERMISSIONS),
  })
  .strict();
export type CreateAclRequest = z.infer<typeof CreateAclRequest>;

export const BatchCreateAclRequest = z.object({ data: z.array(CreateAclRequest) }).strict();
export type BatchCreateAclRequest = z.infer<typeof BatchCreateAclRequest>;
