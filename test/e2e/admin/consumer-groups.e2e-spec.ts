import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchExtensionSpec } from '../../support/extension-openapi';
import { GroupFixtures } from '../../support/kafka-clients';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const HOST = 'gw.test:8082';

describe('consumer groups', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;
  let kafka: GroupFixtures;
  let clusterId: string;
  let base: string;

  // One group with two kafkajs members on a 3-partition topic, shared by the read-only tests.
  let topic: string;
  let activeGroup: string;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
    kafka = new GroupFixtures();
    clusterId = await ctx.clusterId();
    base = `http://${HOST}/v3/clusters/${clusterId}`;
    topic = await kafka.createTopic(uniqueName('groups'), 3);
    activeGroup = uniqueName('active-group');
    await kafka.joinMembers(activeGroup, topic, ['groups-client-a', 'groups-client-b']);
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  function get(url: string) {
    return app.inject({ method: 'GET', url, headers: { host: HOST } });
  }

  function groupBody(groupId: string, fields: Record<string, unknown>, coordinator: number) {
    const self = `${base}/consumer-groups/${groupId}`;
    return {
      kind: 'KafkaConsumerGroup',
      metadata: { self, resource_name: `crn:///kafka=${clusterId}/consumer-group=${groupId}` },
      cluster_id: clusterId,
      consumer_group_id: groupId,
      ...fields,
      coordinator: { related: `${base}/brokers/${coordinator}` },
      consumers: { related: `${self}/consumers` },
      lag_summary: { related: `${self}/lag-summary` },
    };
  }

  describe('GET /v3/clusters/:cluster_id/consumer-groups', () => {
    it('lists the groups Kafka knows, with their real state and coordinator', async () => {
      const simpleGroup = uniqueName('simple-group');
      await kafka.commit(simpleGroup, topic, { 0: 1 });

      const res = await get(`/v3/clusters/${clusterId}/consumer-groups`);

      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}/consumer-groups');
      const body = res.json<{ metadata: unknown; data: { consumer_group_id: string }[] }>();
      expect(body.metadata).toEqual({ self: `${base}/consumer-groups`, next: null });
      const ids = body.data.map((g) => g.consumer_group_id);
      expect(ids).toEqual([...ids].sort());
      expect(body.data.find((g) => g.consumer_group_id === activeGroup)).toEqual(
        groupBody(
          activeGroup,
          {
            is_simple: false,
            partition_assignor: 'RoundRobinAssigner',
            state: 'STABLE',
            type: 'CLASSIC',
            is_mixed_consumer_group: false,
          },
          await kafka.coordinatorOf(activeGroup),
        ),
      );
      expect(body.data.find((g) => g.consumer_group_id === simpleGroup)).toEqual(
        groupBody(
          simpleGroup,
          {
            is_simple: true,
            partition_assignor: '',
            state: 'EMPTY',
            type: 'CLASSIC',
            is_mixed_consumer_group: false,
          },
          await kafka.coordinatorOf(simpleGroup),
        ),
      );
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await get('/v3/clusters/no-such-cluster/consumer-groups');
      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}/consumer-groups');
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Cluster no-such-cluster could not be found.',
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id', () => {
    it('returns a stable classic group with its assignor and coordinator', async () => {
      const res = await get(`/v3/clusters/${clusterId}/consumer-groups/${activeGroup}`);

      await expectToMatchSpec(
        res,
        'GET',
        '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}',
      );
      expect(res.json()).toEqual(
        groupBody(
          activeGroup,
          {
            is_simple: false,
            partition_assignor: 'RoundRobinAssigner',
            state: 'STABLE',
            type: 'CLASSIC',
            is_mixed_consumer_group: false,
          },
          await kafka.coordinatorOf(activeGroup),
        ),
      );
    });

    it('serves the same group under /kafka/v3 with /kafka/v3 links', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/kafka/v3/clusters/${clusterId}/consumer-groups/${activeGroup}`,
        headers: { host: HOST },
      });
      await expectToMatchSpec(
        res,
        'GET',
        '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}',
      );
      expect(res.json<{ metadata: { self: string } }>().metadata.self).toBe(
        `http://${HOST}/kafka/v3/clusters/${clusterId}/consumer-groups/${activeGroup}`,
      );
    });

    it('returns EMPTY once every member has left', async () => {
      const groupId = uniqueName('left-group');
      const members = await kafka.joinMembers(groupId, topic, ['leaving-client']);
      await kafka.leave(members);

      const res = await get(`/v3/clusters/${clusterId}/consumer-groups/${groupId}`);

      await expectToMatchSpec(
        res,
        'GET',
        '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}',
      );
      expect(res.json()).toMatchObject({ state: 'EMPTY', is_simple: false, type: 'CLASSIC' });
    });

    it('returns a KIP-848 group as type CONSUMER with its server-side assignor', async () => {
      const groupId = uniqueName('kip848-group');
      await kafka.joinConsumerProtocolMember(groupId, topic, 'kip848-client');
      const url = `/v3/clusters/${clusterId}/consumer-groups/${groupId}`;
      await kafka.waitFor(
        async () => (await get(url)).json<{ state?: string }>().state === 'STABLE',
        'the KIP-848 group to be stable',
      );

      const res = await get(url);

      await expectToMatchSpec(
        res,
        'GET',
        '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}',
      );
      expect(res.json()).toEqual(
        groupBody(
          groupId,
          {
            is_simple: false,
            // Kafka 4's default server-side assignor.
            partition_assignor: 'uniform',
            state: 'STABLE',
            type: 'CONSUMER',
            is_mixed_consumer_group: false,
          },
          await kafka.coordinatorOf(groupId),
        ),
      );
    });

    it('returns 404 with the bare Jersey body for an unknown group', async () => {
      const res = await get(`/v3/clusters/${clusterId}/consumer-groups/${uniqueName('nope')}`);
      await expectToMatchSpec(
        res,
        'GET',
        '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}',
      );
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });

  describe('DELETE /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id (extension)', () => {
    const path = '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}';

    it('returns 409 with error 40904 while the group has members, then 204 once empty', async () => {
      const groupId = uniqueName('delete-group');
      const members = await kafka.joinMembers(groupId, topic, ['delete-client']);
      const url = `/v3/clusters/${clusterId}/consumer-groups/${groupId}`;

      const refused = await app.inject({ method: 'DELETE', url });

      await expectToMatchExtensionSpec(refused, 'DELETE', path);
      expect(refused.json()).toEqual({
        error_code: 40904,
        message: `Cannot delete consumer group ${groupId}: it has active members. Stop its consumers first.`,
      });
      expect((await get(url)).json()).toMatchObject({ state: 'STABLE' });

      await kafka.leave(members);
      const deleted = await app.inject({ method: 'DELETE', url: `/kafka${url}` });

      await expectToMatchExtensionSpec(deleted, 'DELETE', path);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect((await get(url)).statusCode).toBe(404);
    });

    it('deletes a group that only holds committed offsets, and its offsets with it', async () => {
      const groupId = uniqueName('offsets-only');
      await kafka.commit(groupId, topic, { 0: 2, 1: 3 });

      const res = await app.inject({
        method: 'DELETE',
        url: `/v3/clusters/${clusterId}/consumer-groups/${groupId}`,
      });

      await expectToMatchExtensionSpec(res, 'DELETE', path);
      expect(res.statusCode).toBe(204);
      expect(await kafka.committed(groupId, topic)).toEqual({});
    });

    it('returns 404 for an unknown group', async () => {
      const groupId = uniqueName('never-existed');
      const res = await app.inject({
        method: 'DELETE',
        url: `/v3/clusters/${clusterId}/consumer-groups/${groupId}`,
      });
      await expectToMatchExtensionSpec(res, 'DELETE', path);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Consumer Group ${groupId} could not be found.`,
      });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({
        method: 'DELETE',
        url: `/v3/clusters/no-such-cluster/consumer-groups/${activeGroup}`,
      });
      await expectToMatchExtensionSpec(res, 'DELETE', path);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Cluster no-such-cluster could not be found.',
      });
    });
  });
});
