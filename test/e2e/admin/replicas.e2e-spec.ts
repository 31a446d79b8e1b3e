import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { ensureConsumerOffsetsTopic } from '../../support/internal-topics';
import { expectToMatchExtensionSpec } from '../../support/extension-openapi';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';

const REPLICAS = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/replicas';
const REPLICA = `${REPLICAS}/{broker_id}`;
const BROKER_REPLICAS = '/clusters/{cluster_id}/brokers/{broker_id}/partition-replicas';
const ALL_REPLICAS = '/clusters/{cluster_id}/topics/-/replicas';
const HOST = 'gw.test:8082';

interface ReplicaBody {
  topic_name: string;
  partition_id: number;
  broker_id: number;
}

describe('replicas', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;
  let clusterId: string;
  let brokerId: number;
  let topic: string;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
    ({ topic, clusterId } = await ctx.newTopic({ partitions: 3, prefix: 'replicas' }));
    const brokers = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/brokers` });
    brokerId = brokers.json<{ data: { broker_id: number }[] }>().data[0].broker_id;
  });
  afterAll(async () => {
    await app.close();
  });

  function get(url: string) {
    return app.inject({ method: 'GET', url, headers: { host: HOST } });
  }

  /** On the one-broker test cluster, every replica is that broker's, leading and in sync. */
  function replica(partition: number, prefix = 'v3'): unknown {
    const cluster = `http://${HOST}/${prefix}/clusters/${clusterId}`;
    return {
      kind: 'KafkaReplica',
      metadata: {
        self: `${cluster}/topics/${topic}/partitions/${partition}/replicas/${brokerId}`,
        resource_name: `crn:///kafka=${clusterId}/topic=${topic}/partition=${partition}/replica=${brokerId}`,
      },
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: partition,
      broker_id: brokerId,
      is_leader: true,
      is_in_sync: true,
      broker: { related: `${cluster}/brokers/${brokerId}` },
    };
  }

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/replicas', () => {
    it.each(['v3', 'kafka/v3'])('lists the replicas of a real partition under /%s', async (p) => {
      const res = await get(`/${p}/clusters/${clusterId}/topics/${topic}/partitions/1/replicas`);
      await expectToMatchSpec(res, 'GET', REPLICAS);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        kind: 'KafkaReplicaList',
        metadata: {
          self: `http://${HOST}/${p}/clusters/${clusterId}/topics/${topic}/partitions/1/replicas`,
          next: null,
        },
        data: [replica(1, p)],
      });
    });

    it('agrees with the partition: its leader link is the leading replica', async () => {
      const partition = await get(`/v3/clusters/${clusterId}/topics/${topic}/partitions/2`);
      const leader = partition.json<{ leader: { related: string } }>().leader.related;
      const res = await get(new URL(leader).pathname);
      await expectToMatchSpec(res, 'GET', REPLICA);
      expect(res.json()).toEqual(replica(2));
    });

    it("returns 404 with kafka-rest's message for an unknown partition", async () => {
      const res = await get(`/v3/clusters/${clusterId}/topics/${topic}/partitions/100/replicas`);
      await expectToMatchSpec(res, 'GET', REPLICAS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Partition 100 of topic ${topic} could not be found on cluster ${clusterId}.`,
      });
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await get(`/v3/clusters/${clusterId}/topics/no-such-topic/partitions/0/replicas`);
      await expectToMatchSpec(res, 'GET', REPLICAS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await get(`/v3/clusters/no-such-cluster/topics/${topic}/partitions/0/replicas`);
      await expectToMatchSpec(res, 'GET', REPLICAS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Cluster no-such-cluster cannot be found.',
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/replicas/:broker_id', () => {
    it('returns the replica on the leader broker', async () => {
      const url = `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/replicas/${brokerId}`;
      const res = await get(url);
      await expectToMatchSpec(res, 'GET', REPLICA);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(replica(0));
    });

    it('returns a plain 404 for a broker that holds no replica of the partition', async () => {
      const res = await get(
        `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/replicas/${brokerId + 100}`,
      );
      await expectToMatchSpec(res, 'GET', REPLICA);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404 for an unknown partition and a non-numeric broker id', async () => {
      const partition = await get(
        `/v3/clusters/${clusterId}/topics/${topic}/partitions/7/replicas/${brokerId}`,
      );
      await expectToMatchSpec(partition, 'GET', REPLICA);
      expect(partition.json()).toEqual({
        error_code: 404,
        message: `Partition 7 of topic ${topic} could not be found on cluster ${clusterId}.`,
      });

      const notANumber = await get(
        `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/replicas/leader`,
      );
      await expectToMatchSpec(notANumber, 'GET', REPLICA);
      expect(notANumber.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/brokers/:broker_id/partition-replicas', () => {
    it('lists every replica the broker hosts, sorted by topic then partition', async () => {
      const res = await get(`/v3/clusters/${clusterId}/brokers/${brokerId}/partition-replicas`);
      await expectToMatchSpec(res, 'GET', BROKER_REPLICAS);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ kind: string; metadata: unknown; data: ReplicaBody[] }>();
      expect(body.kind).toBe('KafkaReplicaList');
      expect(body.metadata).toEqual({
        self: `http://${HOST}/v3/clusters/${clusterId}/brokers/${brokerId}/partition-replicas`,
        next: null,
      });
      // Other test files share the broker, so only this file's topic is asserted in full.
      expect(body.data.filter((r) => r.topic_name === topic)).toEqual([
        replica(0),
        replica(1),
        replica(2),
      ]);
      expect(body.data.every((r) => r.broker_id === brokerId)).toBe(true);
      const keys = body.data.map((r) => [r.topic_name, r.partition_id] as const);
      const sorted = [...keys].sort(([t1, p1], [t2, p2]) =>
        t1 === t2 ? p1 - p2 : t1 < t2 ? -1 : 1,
      );
      expect(keys).toEqual(sorted);
    });

    it("lists internal topics' replicas too, as kafka-rest lists the broker's log dirs", async () => {
      await ensureConsumerOffsetsTopic();
      const partitions = await get(
        `/v3/clusters/${clusterId}/topics/__consumer_offsets/partitions`,
      );
      const hosted = partitions.json<{ data: unknown[] }>().data.length;
      const res = await get(`/v3/clusters/${clusterId}/brokers/${brokerId}/partition-replicas`);
      const internal = res
        .json<{ data: ReplicaBody[] }>()
        .data.filter((r) => r.topic_name === '__consumer_offsets')
        .map((r) => r.partition_id);
      expect(hosted).toBeGreaterThan(0);
      expect(internal).toEqual(Array.from({ length: hosted }, (_, p) => p));
    });

    it("returns 404 with kafka-rest's message for an unknown broker", async () => {
      const res = await get(`/v3/clusters/${clusterId}/brokers/9999/partition-replicas`);
      await expectToMatchSpec(res, 'GET', BROKER_REPLICAS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'Broker 9999 cannot be found.' });
    });

    it('returns 404 for an unknown cluster under /kafka/v3', async () => {
      const res = await get(`/kafka/v3/clusters/nope/brokers/${brokerId}/partition-replicas`);
      await expectToMatchSpec(res, 'GET', BROKER_REPLICAS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  // kafka-rest's ListAllReplicasAction(IntegrationTest); not in its spec, so in ours.
  describe('GET /v3/clusters/:cluster_id/topics/-/replicas', () => {
    it.each(['v3', 'kafka/v3'])('lists the replicas of every topic under /%s', async (p) => {
      const res = await get(`/${p}/clusters/${clusterId}/topics/-/replicas`);
      await expectToMatchExtensionSpec(res, 'GET', ALL_REPLICAS);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ kind: string; metadata: unknown; data: ReplicaBody[] }>();
      expect(body.kind).toBe('KafkaReplicaList');
      expect(body.metadata).toEqual({
        self: `http://${HOST}/${p}/clusters/${clusterId}/topics/-/replicas`,
        next: null,
      });
      // Other test files share the broker, so only this file's topic is asserted in full.
      expect(body.data.filter((r) => r.topic_name === topic)).toEqual([
        replica(0, p),
        replica(1, p),
        replica(2, p),
      ]);
      const keys = body.data.map((r) => [r.topic_name, r.partition_id] as const);
      const sorted = [...keys].sort(([t1, p1], [t2, p2]) =>
        t1 === t2 ? p1 - p2 : t1 < t2 ? -1 : 1,
      );
      expect(keys).toEqual(sorted);
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await get('/v3/clusters/nope/topics/-/replicas');
      await expectToMatchExtensionSpec(res, 'GET', ALL_REPLICAS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });
});
