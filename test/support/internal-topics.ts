// eslint-disable-next-line no-restricted-imports -- tests set up broker state directly in Kafka
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';

/**
 * The broker creates __consumer_offsets on the first FindCoordinator; fetching a group's offsets
 * sends one, so afterwards the internal topic exists.
 */
export async function ensureConsumerOffsetsTopic(): Promise<void> {
  const kafka = new Kafka({
    brokers: inject('kafkaBootstrap').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        await admin.fetchOffsets({ groupId: 'ensure-offsets-topic', topics: [] });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error('__consumer_offsets was not created');
  } finally {
    await admin.disconnect();
  }
}
