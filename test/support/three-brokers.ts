import { LocalKafkaCluster } from '@gateway/local-broker';
// eslint-disable-next-line no-restricted-imports -- fault tests set up topics and look up leaders directly
import { Kafka, logLevel } from 'kafkajs';

/** Free ports are picked before the brokers bind them, so a busy machine can lose one: retry. */
export async function startThreeBrokers(attempts = 3): Promise<LocalKafkaCluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await LocalKafkaCluster.start({ brokers: 3 });
    } catch (error) {
      if (attempt >= attempts || !String(error).includes('Address already in use')) {
        throw error;
      }
    }
  }
}

/**
 * Restarts every node after all were killed. LocalKafkaCluster.restartBroker waits for the
 * whole cluster and gives up at once while another node is still down, so the nodes are
 * launched together: the first calls fail that check (their node is running nonetheless) and
 * the last one waits until all three brokers are registered again.
 */
export async function restartAllBrokers(cluster: LocalKafkaCluster): Promise<void> {
  const ids = cluster.nodeIds;
  const early = ids.slice(0, -1).map((id) =>
    cluster.restartBroker(id).then(
      () => undefined,
      (error: unknown) => {
        if (!String(error).includes('exited during start')) {
          throw error;
        }
      },
    ),
  );
  await Promise.all([...early, cluster.restartBroker(ids.at(-1)!)]);
}

function kafka(bootstrap: string): Kafka {
  return new Kafka({
    clientId: 'fault-fixtures',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
}

/** A topic replicated on all three brokers that needs two in sync to acknowledge (acks=all). */
export async function createReplicatedTopic(
  bootstrap: string,
  topic: string,
  partitions: number,
): Promise<void> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    // Not kafkajs' waitForLeaders (its default): it gives up when the broker it asks does not
    // know the new topic yet (UNKNOWN_TOPIC_OR_PARTITION); leaderOf below waits through that.
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        {
          topic,
          numPartitions: partitions,
          replicationFactor: 3,
          configEntries: [{ name: 'min.insync.replicas', value: '2' }],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  for (let p = 0; p < partitions; p++) {
    await leaderOf(bootstrap, topic, p);
  }
}

/** The broker id that leads a partition now (waits while the partition has none yet). */
export async function leaderOf(
  bootstrap: string,
  topic: string,
  partition: number,
  timeoutMs = 30_000,
): Promise<number> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const leader = topics[0].partitions.find((p) => p.partitionId === partition)?.leader;
        if (leader !== undefined && leader >= 0) {
          return leader;
        }
      } catch (error) {
        if (Date.now() > deadline) {
          throw error;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`${topic}-${partition} has no leader after ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
