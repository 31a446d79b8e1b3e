import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { FixtureMember, GroupFixtures } from '../../support/kafka-clients';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const HOST = 'gw.test:8082';
const LAGS = '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lags';
const LAG = `${LAGS}/{topic_name}/partitions/{partition_id}`;
const SUMMARY = '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lag-summary';

// What the test writes and commits: partition -> [records produced, offset committed].
const PRODUCED = { 0: 10, 1: 20, 2: 30 } as const;
const COMMITTED = { 0: 4, 1: 5, 2: 30 } as const;

describe('consumer lags', () => {
  let app: NestFastifyApplication;
  let kafka: GroupFixtures;
  let clusterId: string;
  let topic: string;
  let groupId: string;
  let members: FixtureMember[];

  beforeAll(async () => {
    app = await createTestApp();
    kafka = new GroupFixtures();
    clusterId = await new TestContext(app).clusterId();
    topic = await kafka.createTopic(uniqueName('lags'), 3);
    for (const [partition, count] of Object.entries(PRODUCED)) {
      await kafka.produce(topic, Number(partition), count);
    }
    groupId = uniqueName('lag-group');
    // Offsets first, members second: the members consume without committing.
    await kafka.commit(groupId, topic, COMMITTED);
    await kafka.joinMembers(groupId, topic, ['lag-client-a', 'lag-client-b']);
    members = await kafka.members(groupId);
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  function get(path: string, prefix = '/v3') {
    return app.inject({
      method: 'GET',
      url: `${prefix}/clusters/${clusterId}/consumer-groups/${path}`,
      headers: { host: HOST },
    });
  }

  function ownerOf(partition: number): FixtureMember {
    const owner = members.find((m) => m.assignments.some((a) => a.partition === partition));
    expect(owner, `partition ${partition} has an owner`).toBeDefined();
    return owner!;
  }

  function lagBody(group: string, partition: 0 | 1 | 2, owner: FixtureMember | undefined) {
    const url = `http://${HOST}/v3/clusters/${clusterId}/consumer-groups/${group}`;
    return {
      kind: 'KafkaConsumerLag',
      metadata: {
        self: `${url}/lags/${topic}/partitions/${partition}`,
        resource_name: `crn:///kafka=${clusterId}/consumer-group=${group}/lag=${topic}/partition=${partition}`,
      },
      cluster_id: clusterId,
      consumer_group_id: group,
      topic_name: topic,
      partition_id: partition,
      current_offset: COMMITTED[partition],
      log_end_offset: PRODUCED[partition],
      lag: PRODUCED[partition] - COMMITTED[partition],
      consumer_id: owner?.memberId ?? '',
      instance_id: null,
      client_id: owner?.clientId ?? '',
    };
  }

  describe('GET /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id/lags', () => {
    it('returns log end minus committed offset per partition, largest lag first', async () => {
      const res = await get(`${groupId}/lags`);

      await expectToMatchSpec(res, 'GET', LAGS);
      expect(res.json()).toEqual({
        kind: 'KafkaConsumerLagList',
        metadata: {
          self: `http://${HOST}/v3/clusters/${clusterId}/consumer-groups/${groupId}/lags`,
          next: null,
        },
        // Lags 15, 6 and 0.
        data: [
          lagBody(groupId, 1, ownerOf(1)),
          lagBody(groupId, 0, ownerOf(0)),
          lagBody(groupId, 2, ownerOf(2)),
        ],
      });
    });

    it('gives partitions no member owns an empty consumer and client id', async () => {
      const idle = uniqueName('idle-group');
      await kafka.commit(idle, topic, COMMITTED);

      const res = await get(`${idle}/lags`, '/kafka/v3');

      await expectToMatchSpec(res, 'GET', LAGS);
      const body = res.json<{ metadata: { self: string }; data: unknown[] }>();
      expect(body.metadata.self).toBe(
        `http://${HOST}/kafka/v3/clusters/${clusterId}/consumer-groups/${idle}/lags`,
      );
      expect(body.data).toEqual([
        expect.objectContaining({
          partition_id: 1,
          lag: 15,
          consumer_id: '',
          client_id: '',
          instance_id: null,
        }),
        expect.objectContaining({
          partition_id: 0,
          lag: 6,
          consumer_id: '',
          client_id: '',
          instance_id: null,
        }),
        expect.objectContaining({
          partition_id: 2,
          lag: 0,
          consumer_id: '',
          client_id: '',
          instance_id: null,
        }),
      ]);
    });

    it('measures to the last stable offset, not past records of an open transaction', async () => {
      const txTopic = await kafka.createTopic(uniqueName('lags-tx'), 1);
      await kafka.produce(txTopic, 0, 8);
      const abort = await kafka.produceUncommitted(txTopic, 0, 5);
      const group = uniqueName('tx-group');
      await kafka.commit(group, txTopic, { 0: 3 });
      try {
        const res = await get(`${group}/lags/${txTopic}/partitions/0`);

        await expectToMatchSpec(res, 'GET', LAG);
        expect((await kafka.watermarks(txTopic))[0].high).toBe(13);
        expect(res.json()).toMatchObject({ current_offset: 3, log_end_offset: 8, lag: 5 });
      } finally {
        await abort();
      }
    });

    it("returns 404 with kafka-rest's wording for an unknown group", async () => {
      const unknown = uniqueName('nope');
      const res = await get(`${unknown}/lags`);
      await expectToMatchSpec(res, 'GET', LAGS);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Consumer Group ${unknown} could not be found.`,
      });
    });

    it('returns 404 for a group that has members but never committed', async () => {
      const uncommitted = uniqueName('uncommitted-group');
      await kafka.joinMembers(uncommitted, topic, ['uncommitted-client']);

      const res = await get(`${uncommitted}/lags`);

      await expectToMatchSpec(res, 'GET', LAGS);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Consumer group offsets could not be found.',
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id/lags/:topic_name/partitions/:partition_id', () => {
    it('returns the lag of one partition with its owner', async () => {
      const res = await get(`${groupId}/lags/${topic}/partitions/0`);
      await expectToMatchSpec(res, 'GET', LAG);
      expect(res.json()).toEqual(lagBody(groupId, 0, ownerOf(0)));
    });

    it('returns 404 for a partition the group has no offset for', async () => {
      const res = await get(`${groupId}/lags/${topic}/partitions/7`);
      await expectToMatchSpec(res, 'GET', LAG);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404 for an unknown group', async () => {
      const unknown = uniqueName('nope');
      const res = await get(`${unknown}/lags/${topic}/partitions/0`);
      await expectToMatchSpec(res, 'GET', LAG);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Consumer Group ${unknown} could not be found.`,
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id/lag-summary', () => {
    it('names the partition and consumer with the largest lag, and the total', async () => {
      const res = await get(`${groupId}/lag-summary`);

      await expectToMatchSpec(res, 'GET', SUMMARY);
      const owner = ownerOf(1);
      const url = `http://${HOST}/v3/clusters/${clusterId}`;
      expect(res.json()).toEqual({
        kind: 'KafkaConsumerGroupLagSummary',
        metadata: {
          self: `${url}/consumer-groups/${groupId}/lag-summary`,
          resource_name: `crn:///kafka=${clusterId}/consumer-group=${groupId}/lag-summary`,
        },
        cluster_id: clusterId,
        consumer_group_id: groupId,
        max_lag_consumer_id: owner.memberId,
        max_lag_instance_id: null,
        max_lag_client_id: owner.clientId,
        max_lag_topic_name: topic,
        max_lag_partition_id: 1,
        max_lag: 15,
        total_lag: 21,
        max_lag_consumer: {
          related: `${url}/consumer-groups/${groupId}/consumers/${owner.memberId}`,
        },
        max_lag_partition: { related: `${url}/topics/${topic}/partitions/1` },
      });
    });

    it('follows new records and commits', async () => {
      const group = uniqueName('moving-group');
      const movingTopic = await kafka.createTopic(uniqueName('lags-moving'), 2);
      await kafka.produce(movingTopic, 0, 4);
      await kafka.produce(movingTopic, 1, 9);
      await kafka.commit(group, movingTopic, { 0: 0, 1: 9 });
      const before = (await get(`${group}/lag-summary`)).json<object>();

      await kafka.produce(movingTopic, 1, 7);
      await kafka.commit(group, movingTopic, { 0: 4 });
      const res = await get(`${group}/lag-summary`);

      await expectToMatchSpec(res, 'GET', SUMMARY);
      expect(before).toMatchObject({ max_lag: 4, max_lag_partition_id: 0, total_lag: 4 });
      expect(res.json()).toMatchObject({
        max_lag: 7,
        max_lag_partition_id: 1,
        total_lag: 7,
        max_lag_consumer_id: '',
        max_lag_client_id: '',
      });
    });

    it('returns 404 for a group that never committed', async () => {
      const uncommitted = uniqueName('uncommitted-summary');
      await kafka.joinMembers(uncommitted, topic, ['uncommitted-summary-client']);
      const res = await get(`${uncommitted}/lag-summary`);
      await expectToMatchSpec(res, 'GET', SUMMARY);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Consumer group offsets could not be found.',
      });
    });

    it('returns 404 for an unknown group', async () => {
      const unknown = uniqueName('nope');
      const res = await get(`${unknown}/lag-summary`);
      await expectToMatchSpec(res, 'GET', SUMMARY);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Consumer Group ${unknown} could not be found.`,
      });
    });
  });
});
