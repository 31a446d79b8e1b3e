import { describe, expect, it, vi } from 'vitest';
import type { ClusterMetadata, ProduceTopicLookup } from '../admin/cluster-metadata';
import { KafkaError } from '../kafka-errors';
import { TopicPartitions } from './topic-partitions';

const CREATING: ProduceTopicLookup = { creating: true };

/** A ClusterMetadata whose produce lookups answer `answers` in turn (the last one repeats). */
function fakeMetadata(...answers: (ProduceTopicLookup | Error)[]) {
  let call = 0;
  const fetchForProduce = vi.fn((): Promise<ProduceTopicLookup> => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  });
  return { metadata: { fetchForProduce } as unknown as ClusterMetadata, fetchForProduce };
}

describe(TopicPartitions.name, () => {
  describe('count', () => {
    it('returns the partition count of an existing topic and caches it', async () => {
      const { metadata, fetchForProduce } = fakeMetadata({ partitionCount: 3 });
      const partitions = new TopicPartitions(metadata, 60_000);

      await expect(partitions.count('t')).resolves.toBe(3);
      await expect(partitions.count('t')).resolves.toBe(3);
      expect(partitions.peek('t')).toBe(3);
      expect(fetchForProduce).toHaveBeenCalledTimes(1);
      expect(fetchForProduce).toHaveBeenCalledWith('t');
    });

    it('asks again for a count below the partition wanted (partitions added), at most every 200 ms', async () => {
      const { metadata, fetchForProduce } = fakeMetadata(
        { partitionCount: 1 },
        { partitionCount: 3 },
      );
      const partitions = new TopicPartitions(metadata, 60_000);
      await expect(partitions.count('t')).resolves.toBe(1);
      // Just fetched: a partition beyond it is not worth another request yet.
      await expect(partitions.count('t', 3)).resolves.toBe(1);
      expect(fetchForProduce).toHaveBeenCalledTimes(1);
      await new Promise((r) => setTimeout(r, 250));
      await expect(partitions.count('t', 3)).resolves.toBe(3);
      await expect(partitions.count('t', 3)).resolves.toBe(3);
      expect(fetchForProduce).toHaveBeenCalledTimes(2);
    });

    it('asks again while Kafka auto-creates the topic, then returns its partitions', async () => {
      const { metadata, fetchForProduce } = fakeMetadata(CREATING, CREATING, {
        partitionCount: 2,
      });
      const partitions = new TopicPartitions(metadata, 60_000, 2_000);

      await expect(partitions.count('new')).resolves.toBe(2);
      expect(fetchForProduce).toHaveBeenCalledTimes(3);
      expect(partitions.peek('new')).toBe(2);
    });

    it('shares one lookup between concurrent calls while the topic is created', async () => {
      const { metadata, fetchForProduce } = fakeMetadata(CREATING, { partitionCount: 1 });
      const partitions = new TopicPartitions(metadata, 60_000, 2_000);

      await expect(
        Promise.all([partitions.count('new'), partitions.count('new'), partitions.count('new')]),
      ).resolves.toEqual([1, 1, 1]);
      expect(fetchForProduce).toHaveBeenCalledTimes(2);
    });

    it('answers TOPIC_NOT_FOUND when the topic is still not created after the wait', async () => {
      const { metadata, fetchForProduce } = fakeMetadata(CREATING);
      const partitions = new TopicPartitions(metadata, 60_000, 300);
      const started = Date.now();

      const error = await partitions.count('never').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(KafkaError);
      expect(error).toMatchObject({ kind: 'TOPIC_NOT_FOUND', retriable: false });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(fetchForProduce.mock.calls.length).toBeGreaterThan(1);
    });

    it('fails at once, asking once, when Kafka does not create the topic', async () => {
      const notFound = new KafkaError('TOPIC_NOT_FOUND', 'no such topic', false);
      const { metadata, fetchForProduce } = fakeMetadata(notFound);
      const partitions = new TopicPartitions(metadata, 60_000, 2_000);
      const started = Date.now();

      await expect(partitions.count('missing')).rejects.toBe(notFound);
      expect(Date.now() - started).toBeLessThan(100);
      expect(fetchForProduce).toHaveBeenCalledTimes(1);
    });

    it("remembers Kafka's unknown-topic answer briefly: records that follow ask Kafka no more", async () => {
      const notFound = new KafkaError('TOPIC_NOT_FOUND', 'no such topic', false);
      const { metadata, fetchForProduce } = fakeMetadata(notFound);
      const partitions = new TopicPartitions(metadata, 60_000, 2_000);

      await expect(partitions.count('missing')).rejects.toBe(notFound);
      await expect(partitions.count('missing')).rejects.toMatchObject({ kind: 'TOPIC_NOT_FOUND' });
      expect(fetchForProduce).toHaveBeenCalledTimes(1);
    });

    it('answers TOPIC_NOT_FOUND for a topic without partitions and remembers it briefly', async () => {
      const { metadata, fetchForProduce } = fakeMetadata({ partitionCount: 0 });
      const partitions = new TopicPartitions(metadata, 60_000);

      await expect(partitions.count('empty')).rejects.toMatchObject({ kind: 'TOPIC_NOT_FOUND' });
      await expect(partitions.count('empty')).rejects.toMatchObject({ kind: 'TOPIC_NOT_FOUND' });
      expect(fetchForProduce).toHaveBeenCalledTimes(1);
    });
  });
});
