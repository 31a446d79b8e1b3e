import { z } from 'zod';
import {
  javaInstant,
  javaInt,
  javaLong,
  kafkaString,
  nullableField as nullable,
  scalarString,
} from '@gateway/rest';

// v2 consumer bodies (confluent-kafka-rest-v2-docs-api.rst, "Consumers"). The two String
// settings take numbers and booleans too, as Jackson does; the two Integer ones are read as
// Jackson reads an Integer ("7" is 7, 7.9 is 7, "abc" a 400) (CreateConsumerInstanceRequest).
const configValue = scalarString();
const intValue = javaInt();

export const CreateConsumerRequest = z
  .object({
    name: nullable(kafkaString(z.string().min(1))),
    id: nullable(kafkaString(z.string().min(1))),
    format: nullable(scalarString()),
    'auto.offset.reset': nullable(configValue),
    'auto.commit.enable': nullable(configValue),
    'fetch.min.bytes': nullable(intValue),
    'consumer.request.timeout.ms': nullable(intValue),
    // The older names kafka-rest still reads (@JsonAlias).
    responseMinBytes: nullable(intValue),
    requestWaitMs: nullable(intValue),
  })
  .strict()
  .transform(({ responseMinBytes, requestWaitMs, ...body }) => ({
    ...body,
    'fetch.min.bytes': body['fetch.min.bytes'] ?? responseMinBytes,
    'consumer.request.timeout.ms': body['consumer.request.timeout.ms'] ?? requestWaitMs,
  }));
export type CreateConsumerRequest = z.infer<typeof CreateConsumerRequest>;

export interface CreateConsumerResponse {
  instance_id: string;
  base_uri: string;
}

export const SubscriptionRequest = z
  .object({
    topics: nullable(z.array(kafkaString(z.string().min(1)))),
    topic_pattern: nullable(scalarString(z.string().min(1))),
  })
  .strict();
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

const Partition = z
  .object({ topic: kafkaString(z.string().min(1)), partition: javaInt(0) })
  .strict();

export const PartitionsRequest = z.object({ partitions: z.array(Partition) }).strict();
export type PartitionsRequest = z.infer<typeof PartitionsRequest>;

const PartitionOffset = z
  .object({
    topic: kafkaString(z.string().min(1)),
    partition: javaInt(0),
    offset: javaLong(0),
    metadata: nullable(kafkaString()),
  })
  .strict();

export const PositionsRequest = z
  .object({
    offsets: nullable(z.array(PartitionOffset)),
    timestamps: nullable(
      z.array(
        z
          .object({
            topic: kafkaString(z.string().min(1)),
            partition: javaInt(0),
            timestamp: javaInstant(),
            metadata: nullable(kafkaString()),
          })
          .strict(),
      ),
    ),
  })
  .strict();
export type PositionsRequest = z.infer<typeof PositionsRequest>;

export const CommitRequestBody = z.object({ offsets: z.array(PartitionOffset) }).strict();
export type CommitRequestBody = z.infer<typeof CommitRequestBody>;

export interface TopicPartitionData {
  topic: string;
  partition: number;
}

export interface CommittedOffsetData extends TopicPartitionData {
  offset: number;
  metadata: string;
}

/**
 * One consumed record as v2 shows it, plus `timestamp` (ms) and `headers`, which Confluent
 * omits (kafka-rest#698, #935); clients that ignore unknown fields are unaffected, and
 * GATEWAY_V2_RECORD_METADATA=false leaves them out for those that do not.
 */
export interface V2RecordData {
  topic: string;
  key: unknown;
  value: unknown;
  partition: number;
  offset: number;
  timestamp?: number;
  headers?: { name: string; value: string | null }[];
}
