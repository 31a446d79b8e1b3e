import { Injectable } from '@nestjs/common';
import { metadataV12 } from '@platformatic/kafka';
import { KafkaClients } from '../kafka-clients';

type MetadataResponse = metadataV12.MetadataResponse;

/**
 * Kafka's Metadata request (v12) sent directly: unlike kafkajs's admin it keeps the broker rack,
 * the topic is_internal flag, the cluster id and topic authorized operations.
 */
@Injectable()
export class ClusterMetadata {
  constructor(private readonly clients: KafkaClients) {}

  /** `topics: null` asks for every topic, `[]` for none. */
  fetch(topics: string[] | null, includeAuthorizedOperations = false): Promise<MetadataResponse> {
    return this.clients.onAnyBroker((connection) =>
      metadataV12.api.async(connection, topics, false, includeAuthorizedOperations),
    );
  }
}
