import { KafkaError, toKafkaError } from '../kafka-errors';

/**
 * What Kafka said for one topic-partition of a produce request. A batch refused for some of its
 * records names them (KIP-467): `recordErrors` then holds each one's own error by batch index.
 */
export type PartitionOutcome =
  { baseOffset: bigint } | { error: KafkaError; recordErrors?: Map<number, KafkaError> };

interface PartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: bigint;
  errorMessage?: string | null;
  recordErrors?: { batchIndex: number; message: string | null }[];
}

interface ProduceResponseShape {
  responses: { name: string; partitionResponses: PartitionResponse[] }[];
}

interface FailedSendShape {
  response?: ProduceResponseShape;
  produced?: { offsets?: { topic: string; partition: number; offset: bigint }[] };
  errors?: unknown[];
  path?: string;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * Per-partition results of a produce request that failed as a whole: a request to several
 * partitions fails if one of them does, yet the others may have been written. Reads the
 * parsed responses carried by @platformatic/kafka's errors; partitions it cannot find are
 * absent (their outcome is unknown).
 */
export function outcomesOfFailedSend(error: unknown): Map<string, PartitionOutcome> {
  const outcomes = new Map<string, PartitionOutcome>();
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > 5) {
      return;
    }
    const shape = node as FailedSendShape;
    for (const o of shape.produced?.offsets ?? []) {
      outcomes.set(partitionKey(o.topic, o.partition), { baseOffset: o.offset });
    }
    if (Array.isArray(shape.response?.responses)) {
      readResponse(shape.response, shape.errors ?? [], outcomes);
    }
    for (const inner of shape.errors ?? []) {
      visit(inner, depth + 1);
    }
  };
  visit(error, 0);
  return outcomes;
}

function readResponse(
  response: ProduceResponseShape,
  errors: unknown[],
  outcomes: Map<string, PartitionOutcome>,
): void {
  response.responses.forEach((topic, i) => {
    topic.partitionResponses.forEach((p, j) => {
      const key = partitionKey(topic.name, p.index);
      if (p.errorCode === 0) {
        outcomes.set(key, { baseOffset: p.baseOffset });
        return;
      }
      const path = `/responses/${i}/partition_responses/${j}`;
      const cause = errors.find((e) => (e as FailedSendShape | null)?.path === path);
      const error = toKafkaError(cause ?? errors[0]);
      const named = p.recordErrors ?? [];
      outcomes.set(
        key,
        named.length === 0 ? { error } : { error, recordErrors: recordErrors(error, p, named) },
      );
    });
  });
}

/**
 * Each named record's error, as the Java producer's Sender.failBatch words it: the record's own
 * message, else the partition's; of the partition's kind when it is the only one named.
 */
function recordErrors(
  partitionError: KafkaError,
  response: PartitionResponse,
  named: { batchIndex: number; message: string | null }[],
): Map<number, KafkaError> {
  const errors = new Map<number, KafkaError>();
  for (const { batchIndex, message } of named) {
    const text = message ?? response.errorMessage ?? partitionError.message;
    const kind = named.length === 1 ? partitionError.kind : 'UNKNOWN';
    errors.set(batchIndex, new KafkaError(kind, text, false));
  }
  return errors;
}

/** The other records of a batch refused for some of them (the Java producer's words). */
export const WITH_INVALID_RECORDS = new KafkaError(
  'UNKNOWN',
  'Failed to append record because it was part of a batch which had one more more invalid records',
  false,
);
