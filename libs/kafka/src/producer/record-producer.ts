import { OutgoingRecord, RecordDelivery } from './producer.types';

/**
 * The gateway's one producer (a DI token). `produce` resolves with where the record landed or
 * rejects with a KafkaError; every call settles exactly once, whatever happens to the connection.
 */
export abstract class RecordProducer {
  /**
   * Number of partitions of a topic; rejects with KafkaError TOPIC_NOT_FOUND when it is missing.
   * A remembered count below `atLeast` (a partition was asked for that it does not have) is
   * looked up again, as the Java producer asks for new metadata for a partition it does not know.
   */
  abstract partitionCount(topic: string, atLeast?: number): Promise<number>;
  abstract produce(record: OutgoingRecord): Promise<RecordDelivery>;
  /** The partition a keyed record goes to (Java client's murmur2), for callers that must know. */
  abstract partitionForKey(key: Buffer, partitionCount: number): number;
}
