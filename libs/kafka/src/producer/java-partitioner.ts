import { Partitioners } from 'kafkajs';

type KafkajsPartitioner = ReturnType<typeof Partitioners.DefaultPartitioner>;
type PartitionerMetadata = Parameters<KafkajsPartitioner>[0]['partitionMetadata'];

/**
 * Keyed records go where the Java client (and so the Confluent REST Proxy) puts them:
 * toPositive(murmur2(key bytes)) % partitions, via kafkajs's Java-compatible partitioner.
 * Null keys are sticky: they fill one partition's batch, then move on (Java's KIP-480 idea).
 */
export class JavaPartitioner {
  private readonly keyed: KafkajsPartitioner = Partitioners.JavaCompatiblePartitioner();
  private readonly sticky = new Map<string, number>();
  // kafkajs only reads the length (and, for null keys, the leaders) of this list.
  private readonly metadataByCount = new Map<number, PartitionerMetadata>();

  forKey(topic: string, key: Buffer, partitionCount: number): number {
    return this.keyed({
      topic,
      partitionMetadata: this.partitionMetadata(partitionCount),
      message: { key, value: null },
    });
  }

  forNullKey(topic: string, partitionCount: number): number {
    let partition = this.sticky.get(topic);
    if (partition === undefined || partition >= partitionCount) {
      partition = Math.floor(Math.random() * partitionCount);
      this.sticky.set(topic, partition);
    }
    return partition;
  }

  /** Called when a partition's batch leaves: the next null-key records go elsewhere. */
  batchSent(topic: string, partition: number, partitionCount: number): void {
    if (this.sticky.get(topic) === partition && partitionCount > 1) {
      this.sticky.set(topic, (partition + 1) % partitionCount);
    }
  }

  private partitionMetadata(count: number): PartitionerMetadata {
    let metadata = this.metadataByCount.get(count);
    if (metadata === undefined) {
      metadata = Array.from({ length: count }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [],
        isr: [],
      }));
      this.metadataByCount.set(count, metadata);
    }
    return metadata;
  }
}
