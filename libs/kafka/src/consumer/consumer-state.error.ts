/**
 * A consumer call that is not allowed in the consumer's current state (Kafka's
 * IllegalStateException): subscribing while manually assigned, seeking an unassigned partition.
 */
export class ConsumerStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsumerStateError';
  }
}

/** No committed offset and `auto.offset.reset` is `none` (Kafka's NoOffsetForPartitionException). */
export class NoOffsetError extends ConsumerStateError {
  constructor(topic: string, partition: number) {
    super(`Undefined offset with no reset policy for partitions: [${topic}-${partition}]`);
    this.name = 'NoOffsetError';
  }
}
