import { z } from 'zod';
import { javaBoolean, javaInt, javaLong, kafkaText } from '@gateway/rest';
import { Relationship, ResourceEnvelope } from '../resource-envelope';

/** Kafka's kafka-consumer-groups.sh --reset-offsets scenarios. */
export const RESET_STRATEGIES = [
  'EARLIEST',
  'LATEST',
  'TO_OFFSET',
  'TO_TIMESTAMP',
  'SHIFT_BY',
] as const;
export type ResetStrategy = (typeof RESET_STRATEGIES)[number];

// Which extra field each strategy needs; the others must be absent.
const STRATEGY_FIELD: Record<ResetStrategy, 'offset' | 'timestamp' | 'shift' | undefined> = {
  EARLIEST: undefined,
  LATEST: undefined,
  TO_OFFSET: 'offset',
  TO_TIMESTAMP: 'timestamp',
  SHIFT_BY: 'shift',
};

export const ResetOffsetsRequest = z
  .object({
    // Case-insensitive, like the enums of kafka-rest's ACL requests.
    strategy: z.preprocess(
      (v) => (typeof v === 'string' ? v.toUpperCase() : v),
      z.enum(RESET_STRATEGIES),
    ),
    /** Omitted: every partition the group has committed offsets for (--all-topics). */
    topics: z
      .array(
        z
          .object({
            topic_name: kafkaText(z.string().min(1)),
            /** Omitted: every partition of the topic. */
            partition_ids: z.array(javaInt(0)).min(1).optional(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
    offset: javaLong(0).optional(),
    timestamp: z.string().datetime({ offset: true }).optional(),
    shift: javaLong().optional(),
    dry_run: javaBoolean().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const needed = STRATEGY_FIELD[body.strategy];
    for (const field of ['offset', 'timestamp', 'shift'] as const) {
      if (field === needed && body[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `required by ${body.strategy}` });
      }
      if (field !== needed && body[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `not used by ${body.strategy}` });
      }
    }
  });
export type ResetOffsetsRequest = z.infer<typeof ResetOffsetsRequest>;

export interface PartitionOffsetResetData {
  topic_name: string;
  partition_id: number;
  /** The committed offset before the reset; null when the group had none. */
  previous_offset: number | null;
  new_offset: number;
  partition: Relationship;
  lag: Relationship;
}

/** Extension: the result of POST .../consumer-groups/{id}/offsets:reset. */
export interface ConsumerGroupOffsetsResetData extends ResourceEnvelope {
  cluster_id: string;
  consumer_group_id: string;
  strategy: ResetStrategy;
  /** true: offsets computed only, nothing committed. */
  dry_run: boolean;
  offsets: PartitionOffsetResetData[];
}
