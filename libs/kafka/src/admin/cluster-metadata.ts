import { Injectable } from '@nestjs/common';
import {
  Connection,
  ConfigResourceTypes,
  describeConfigsV4,
  metadataV12,
} from '@platformatic/kafka';
import { withPerResourceErrors } from '../configs/config-protocol';
import { KafkaClients } from '../kafka-clients';
import { KafkaError } from '../kafka-errors';

type MetadataResponse = metadataV12.MetadataResponse;

/** What the produce path learns about a topic: its partition count, or that Kafka creates it. */
export type ProduceTopicLookup = { partitionCount: number } | { creating: true };

// Kafka protocol error codes.
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const LEADER_NOT_AVAILABLE = 5;
const AUTO_CREATE = 'auto.create.topics.enable';

/**
 * Kafka's Metadata request (v12) sent directly: unlike kafkajs's admin it keeps the broker rack,
 * the topic is_internal flag, the cluster id and topic authorized operations.
 */
@Injectable()
export class ClusterMetadata {
  constructor(private readonly clients: KafkaClients) {}

  /**
   * `topics: null` asks for every topic, `[]` for none. Never creates a topic: admin reads of a
   * missing topic answer 404 whatever the broker's auto.create.topics.enable.
   */
  fetch(topics: string[] | null, includeAuthorizedOperations = false): Promise<MetadataResponse> {
    return this.clients.onAnyBroker((connection) =>
      metadataV12.api.async(connection, topics, false, includeAuthorizedOperations),
    );
  }

  /**
   * The produce path's lookup. Like the Java producer's Metadata requests it allows topic
   * auto-creation, so a broker with auto.create.topics.enable=true starts creating a missing
   * topic. Kafka 4 (KRaft) answers UNKNOWN_TOPIC_OR_PARTITION whether it creates the topic or
   * not, so that answer is followed by reading the same broker's auto.create.topics.enable:
   * `creating` when it is on (ask again shortly); otherwise the error is thrown as `fetch`
   * throws it, and so is any other error.
   */
  fetchForProduce(topic: string): Promise<ProduceTopicLookup> {
    return this.clients.onAnyBroker(async (connection) => {
      try {
        const { topics } = await metadataV12.api.async(connection, [topic], true, false);
        const found = topics.find((t) => t.name === topic);
        if (found?.isInternal === true) {
          // What a broker answers an append to an internal topic (InvalidTopicException).
          throw new KafkaError('INVALID_TOPIC', `Cannot append to internal topic ${topic}`, false);
        }
        return { partitionCount: found?.partitions.length ?? 0 };
      } catch (error) {
        const answer = missingTopicAnswer(error, topic);
        // LEADER_NOT_AVAILABLE: the answer of brokers that start the creation themselves.
        if (
          answer?.errorCode === LEADER_NOT_AVAILABLE ||
          (answer?.errorCode === UNKNOWN_TOPIC_OR_PARTITION &&
            (await autoCreatesTopics(connection, answer.brokerIds)))
        ) {
          return { creating: true };
        }
        throw error;
      }
    });
  }
}

/** The topic's error code and the brokers, when the topic-level error is the only one. */
function missingTopicAnswer(
  error: unknown,
  topic: string,
): { errorCode: number; brokerIds: number[] } | undefined {
  const response = (error as { response?: MetadataResponse } | null)?.response;
  if (response === undefined) {
    return undefined;
  }
  const [only, ...others] = response.topics;
  if (only?.name !== topic || others.length > 0 || only.partitions.length > 0) {
    return undefined;
  }
  return { errorCode: only.errorCode, brokerIds: response.brokers.map((b) => b.nodeId) };
}

/**
 * Whether the broker on this connection has auto.create.topics.enable on. A broker describes
 * only its own config (INVALID_REQUEST for another id) and the connection does not say which
 * broker it is, so every broker is asked for in one request and the one answer that is not an
 * error is its own. Unreadable (e.g. no DESCRIBE_CONFIGS permission) counts as off.
 */
async function autoCreatesTopics(connection: Connection, brokerIds: number[]): Promise<boolean> {
  try {
    const { results } = await withPerResourceErrors(
      describeConfigsV4.api.async(
        connection,
        brokerIds.map((id) => ({
          resourceType: ConfigResourceTypes.BROKER,
          resourceName: String(id),
          configurationKeys: [AUTO_CREATE],
        })),
        false,
        false,
      ),
    );
    const own = results.find((r) => r.errorCode === 0);
    return own?.configs.find((c) => c.name === AUTO_CREATE)?.value === 'true';
  } catch {
    return false;
  }
}
