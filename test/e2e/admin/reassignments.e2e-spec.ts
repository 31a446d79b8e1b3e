import type { NestFastifyApplication } from '@nestjs/platform-fastify';
// eslint-disable-next-line no-restricted-imports -- starting a reassignment is not a gateway API
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { loadConfig } from '../../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../../apps/gateway/src/create-app';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const ALL = '/clusters/{cluster_id}/topics/-/partitions/-/reassignment';
const BY_TOPIC = '/clusters/{cluster_id}/topics/{topic_name}/partitions/-/reassignment';
const ONE = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/reassignment';
const REPLICAS = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/replicas';
const HOST = 'gw.test:8082';

function get(app: NestFastifyApplication, url: string) {
  return app.inject({ method: 'GET', url, headers: { host: HOST } });
}

describe('reassignments (one broker: nothing in progress)', () => {
  let app: NestFastifyApplication;
  let clusterId: string;
  let topic: string;

  beforeAll(async () => {
    app = await createTestApp();
    ({ topic, clusterId } = await new TestContext(app).newTopic({ partitions: 2 }));
  });
  afterAll(async () => {
    await app.close();
  });

  describe('GET /v3/clusters/:cluster_id/topics/-/partitions/-/reassignment', () => {
    it.each(['v3', 'kafka/v3'])('returns an empty list under /%s', async (prefix) => {
      const res = await get(
        app,
        `/${prefix}/clusters/${clusterId}/topics/-/partitions/-/reassignment`,
      );
      await expectToMatchSpec(res, 'GET', ALL);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        kind: 'KafkaReassignmentList',
        metadata: {
          self: `http://${HOST}/${prefix}/clusters/${clusterId}/topics/-/partitions/-/reassignment`,
          next: null,
        },
        data: [],
      });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await get(app, '/v3/clusters/nope/topics/-/partitions/-/reassignment');
      await expectToMatchSpec(res, 'GET', ALL);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/-/reassignment', () => {
    it.each([
      ['a real topic', () => topic],
      ['an unknown topic (not 404, as kafka-rest)', () => uniqueName('missing')],
    ])('returns an empty list for %s', async (_case, topicName) => {
      const name = topicName();
      const res = await get(
        app,
        `/v3/clusters/${clusterId}/topics/${name}/partitions/-/reassignment`,
      );
      await expectToMatchSpec(res, 'GET', BY_TOPIC);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        kind: 'KafkaReassignmentList',
        metadata: {
          self: `http://${HOST}/v3/clusters/${clusterId}/topics/${name}/partitions/-/reassignment`,
          next: null,
        },
        data: [],
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/reassignment', () => {
    it.each([
      ['a partition with no reassignment', () => `${topic}/partitions/0`],
      ['an unknown partition', () => `${topic}/partitions/99`],
      ['an unknown topic', () => 'no-such-topic/partitions/0'],
    ])('returns a plain 404 for %s', async (_case, path) => {
      const res = await get(app, `/v3/clusters/${clusterId}/topics/${path()}/reassignment`);
      await expectToMatchSpec(res, 'GET', ONE);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await get(app, `/v3/clusters/nope/topics/${topic}/partitions/0/reassignment`);
      await expectToMatchSpec(res, 'GET', ONE);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });
});

/** Free ports are picked before the brokers bind them, so a busy machine can lose one: retry. */
async function startThreeBrokers(attempts = 3): Promise<LocalKafkaCluster> {
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
 * A killed broker stays in the metadata until its session times out (9 s); until then clients
 * may still send it requests. After that it is fenced: gone from the list, still registered.
 */
async function untilFenced(
  app: NestFastifyApplication,
  clusterId: string,
  brokerId: number,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/brokers` });
    const ids = res.json<{ data: { broker_id: number }[] }>().data.map((b) => b.broker_id);
    if (!ids.includes(brokerId)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`broker ${brokerId} was not fenced`);
}

/**
 * A reassignment stays in progress only while a target replica cannot catch up. This block starts
 * its own three-node cluster, kills node 3 (fenced but still registered, so Kafka accepts it as a
 * target) and moves a partition onto it: the reassignment then waits as long as the test needs.
 */
describe('reassignments (three brokers: one in progress)', () => {
  let cluster: LocalKafkaCluster;
  let app: NestFastifyApplication;
  let clusterId: string;
  let topic: string;

  beforeAll(async () => {
    cluster = await startThreeBrokers();
    const servers = cluster.bootstrapServers.split(',');
    const config = loadConfig({ KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrapServers });
    app = await createGatewayApp({ ...config, bootstrapServers: servers });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const ctx = new TestContext(app);
    clusterId = await ctx.clusterId();

    topic = uniqueName('moving');
    const created = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      payload: { topic_name: topic, replicas_assignments: { '0': [1], '1': [2] } },
    });
    expect(created.statusCode, created.body).toBe(201);

    await cluster.killBroker(3);
    await untilFenced(app, clusterId, 3);
    // Nodes are numbered 1..3 in bootstrap order; talk only to the live ones.
    const kafka = new Kafka({ brokers: servers.slice(0, 2), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.alterPartitionReassignments({
        topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [1, 3] }] }],
      });
    } finally {
      await admin.disconnect();
    }
  });
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  function reassignment(prefix = 'v3'): unknown {
    const partition = `http://${HOST}/${prefix}/clusters/${clusterId}/topics/${topic}/partitions/0`;
    return {
      kind: 'KafkaReassignment',
      metadata: {
        self: `${partition}/reassignment`,
        resource_name: `crn:///kafka=${clusterId}/topic=${topic}/partition=0/reassignment`,
      },
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: 0,
      adding_replicas: [3],
      removing_replicas: [],
      replicas: { related: `${partition}/replicas` },
    };
  }

  it('lists the ongoing reassignment cluster-wide and by topic', async () => {
    const all = await get(app, `/v3/clusters/${clusterId}/topics/-/partitions/-/reassignment`);
    await expectToMatchSpec(all, 'GET', ALL);
    expect(all.json<{ data: unknown[] }>().data).toEqual([reassignment()]);

    const byTopic = await get(
      app,
      `/kafka/v3/clusters/${clusterId}/topics/${topic}/partitions/-/reassignment`,
    );
    await expectToMatchSpec(byTopic, 'GET', BY_TOPIC);
    expect(byTopic.json()).toEqual({
      kind: 'KafkaReassignmentList',
      metadata: {
        self: `http://${HOST}/kafka/v3/clusters/${clusterId}/topics/${topic}/partitions/-/reassignment`,
        next: null,
      },
      data: [reassignment('kafka/v3')],
    });
  });

  it('returns the reassignment of the moving partition, and 404 for the other one', async () => {
    const moving = await get(
      app,
      `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/reassignment`,
    );
    await expectToMatchSpec(moving, 'GET', ONE);
    expect(moving.statusCode).toBe(200);
    expect(moving.json()).toEqual(reassignment());

    const still = await get(
      app,
      `/v3/clusters/${clusterId}/topics/${topic}/partitions/1/reassignment`,
    );
    await expectToMatchSpec(still, 'GET', ONE);
    expect(still.statusCode).toBe(404);
  });

  it('shows the new replica as neither leader nor in sync', async () => {
    const res = await get(app, `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/replicas`);
    await expectToMatchSpec(res, 'GET', REPLICAS);
    const replicas = res.json<{ data: Record<string, unknown>[] }>().data;
    expect(replicas.map((r) => [r.broker_id, r.is_leader, r.is_in_sync])).toEqual([
      [1, true, true],
      [3, false, false],
    ]);
  });
});
