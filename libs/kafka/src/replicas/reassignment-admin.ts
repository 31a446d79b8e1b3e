import { Injectable } from '@nestjs/common';
import { listPartitionReassignmentsV0 } from '@platformatic/kafka';
import { KafkaClients } from '../kafka-clients';
import { PartitionReassignment } from './reassignment.types';

type RequestTopics = listPartitionReassignmentsV0.ListPartitionReassignmentsRequestTopic[];

const REQUEST_TIMEOUT_MS = 30_000;

/** Ongoing partition reassignments (read-only, as in kafka-rest). */
export abstract class ReassignmentAdmin {
  /** Every reassignment in progress, sorted by topic name then partition. */
  abstract listReassignments(): Promise<PartitionReassignment[]>;
}

@Injectable()
export class KafkaReassignmentAdmin extends ReassignmentAdmin {
  constructor(private readonly clients: KafkaClients) {
    super();
  }

  async listReassignments(): Promise<PartitionReassignment[]> {
    // A null topic list (not an empty one) asks for every reassigning partition.
    const allTopics = null as unknown as RequestTopics;
    const response = await this.clients.onAnyBroker((connection) =>
      listPartitionReassignmentsV0.api.async(connection, REQUEST_TIMEOUT_MS, allTopics),
    );
    return response.topics
      .flatMap((topic) =>
        topic.partitions.map((p) => ({
          topicName: topic.name,
          partitionId: p.partitionIndex,
          replicas: p.replicas,
          addingReplicas: p.addingReplicas,
          removingReplicas: p.removingReplicas,
        })),
      )
      .sort((a, b) =>
        a.topicName === b.topicName
          ? a.partitionId - b.partitionId
          : a.topicName < b.topicName
            ? -1
            : 1,
      );
  }
}
