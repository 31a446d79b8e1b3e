import { z } from 'zod';
import { javaBoolean, javaInt, javaShort, kafkaString, nullableField } from '@gateway/rest';
import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';
import { configList } from '../topic-configs/abstract-config.dto';

export interface TopicData extends ResourceEnvelope {
  cluster_id: string;
  topic_name: string;
  is_internal: boolean;
  replication_factor: number;
  partitions_count: number;
  partitions: Relationship;
  configs: Relationship;
  partition_reassignments: Relationship;
  authorized_operations: string[];
}

export type TopicDataList = ResourceCollection<TopicData>;

// Jackson reads these keys as Integer: digits within int range.
const MAX_PARTITIONS = 10_000;
// A replica list longer than any cluster's broker count is refused by Kafka.
const MAX_REPLICAS = 1_000;

const partitionIdKey = z
  .string()
  .regex(/^\d+$/)
  .refine((key) => Number(key) < 2 ** 31, { message: 'Numeric value out of range of int' });

export const CreateTopicRequest = z
  .object({
    topic_name: kafkaString(),
    partitions_count: nullableField(javaInt()),
    replication_factor: nullableField(javaShort()),
    // Kafka's controller takes at most 10,000 partitions per request anyway.
    replicas_assignments: nullableField(
      z
        .record(partitionIdKey, z.array(javaInt()).max(MAX_REPLICAS))
        .refine((assignments) => Object.keys(assignments).length <= MAX_PARTITIONS, {
          message: `At most ${MAX_PARTITIONS} partitions per request`,
        }),
    ),
    configs: nullableField(
      configList(
        z.object({ name: kafkaString(), value: kafkaString().nullable().optional() }).strict(),
      ),
    ),
    validate_only: nullableField(javaBoolean()),
  })
  .strict();
export type CreateTopicRequest = z.infer<typeof CreateTopicRequest>;

export const UpdatePartitionCountRequest = z.object({ partitions_count: javaInt() }).strict();
export type UpdatePartitionCountRequest = z.infer<typeof UpdatePartitionCountRequest>;

/** Query flags: the list takes camelCase, the get takes snake_case (a kafka-rest quirk). */
export function isTrue(flag: string | string[] | undefined): boolean {
  // A repeated parameter arrives as an array; the first one counts, as in JAX-RS.
  const first = Array.isArray(flag) ? flag[0] : flag;
  return first?.toLowerCase() === 'true';
}
