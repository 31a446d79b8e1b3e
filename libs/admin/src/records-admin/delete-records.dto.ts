import { z } from 'zod';
import { javaInt, javaLong } from '@gateway/rest';
import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

/** Kafka's DeleteRecords: -1 means "up to the high watermark" (everything written so far). */
export const HIGH_WATERMARK = -1;

export const DeleteRecordsRequest = z
  .object({
    partitions: z
      .array(
        z
          .object({
            partition_id: javaInt(0),
            /** Records with a smaller offset are deleted; it becomes the partition's low watermark. */
            before_offset: javaLong(HIGH_WATERMARK),
          })
          .strict(),
      )
      .min(1)
      .refine((list) => new Set(list.map((p) => p.partition_id)).size === list.length, {
        message: 'each partition_id may appear only once',
      }),
  })
  .strict();
export type DeleteRecordsRequest = z.infer<typeof DeleteRecordsRequest>;

/** Extension: one partition after POST .../topics/{topic}/records:delete. */
export interface DeletedRecordsData extends ResourceEnvelope {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  /** The partition's new earliest offset. */
  low_watermark: number;
  partition: Relationship;
}

export type DeletedRecordsDataList = ResourceCollection<DeletedRecordsData>;
