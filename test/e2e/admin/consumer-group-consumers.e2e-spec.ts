import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { FixtureMember, FixturePartition, GroupFixtures } from '../../support/kafka-clients';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const HOST = 'gw.test:8082';
const CONSUMERS = '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers';
const CONSUMER = `${CONSUMERS}/{consumer_id}`;
const ASSIGNMENTS = `${CONSUMER}/assignments`;
const ASSIGNMENT = `${ASSIGNMENTS}/{topic_name}/partitions/{partition_id}`;

describe('consumers and their assignments', () => {
  let app: NestFastifyApplication;
  let kafka: GroupFixtures;
  let clusterId: string;
  let topic: string;
  let groupId: string;
  let groupUrl: string;
  // Kafka's own description of the two members (kafkajs describeGroups), sorted by member id.
  let members: FixtureMember[];

  beforeAll(async () => {
    app = await createTestApp();
    kafka = new GroupFixtures();
    clusterId = await new TestContext(app).clusterId();
    topic = await kafka.createTopic(uniqueName('members'), 4);
    groupId = uniqueName('members-group');
    groupUrl = `http://${HOST}/v3/clusters/${clusterId}/consumer-groups/${groupId}`;
    await kafka.joinMembers(groupId, topic, ['members-client-a', 'members-client-b']);
    members = await kafka.members(groupId);
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  function get(path: string) {
    return app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/consumer-groups/${path}`,
      headers: { host: HOST },
    });
  }

  function consumerBody(member: FixtureMember, instanceId: string | null = null) {
    const self = `${groupUrl}/consumers/${member.memberId}`;
    return {
      kind: 'KafkaConsumer',
      metadata: {
        self,
        resource_name: `crn:///kafka=${clusterId}/consumer-group=${groupId}/consumer=${member.memberId}`,
      },
      cluster_id: clusterId,
      consumer_group_id: groupId,
      consumer_id: member.memberId,
      instance_id: instanceId,
      client_id: member.clientId,
      assignments: { related: `${self}/assignments` },
    };
  }

  function assignmentBody(memberId: string, { topic: t, partition }: FixturePartition) {
    return {
      kind: 'KafkaConsumerAssignment',
      metadata: {
        self: `${groupUrl}/consumers/${memberId}/assignments/${t}/partitions/${partition}`,
        resource_name:
          `crn:///kafka=${clusterId}/consumer-group=${groupId}/consumer=${memberId}` +
          `/assignment=${t}/partition=${partition}`,
      },
      cluster_id: clusterId,
      consumer_group_id: groupId,
      consumer_id: memberId,
      topic_name: t,
      partition_id: partition,
      partition: {
        related: `http://${HOST}/v3/clusters/${clusterId}/topics/${t}/partitions/${partition}`,
      },
      lag: { related: `${groupUrl}/lags/${t}/partitions/${partition}` },
    };
  }

  describe('GET /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers', () => {
    it('lists the members Kafka reports, sorted by consumer id', async () => {
      const res = await get(`${groupId}/consumers`);

      await expectToMatchSpec(res, 'GET', CONSUMERS);
      expect(members).toHaveLength(2);
      expect(res.json()).toEqual({
        kind: 'KafkaConsumerList',
        metadata: { self: `${groupUrl}/consumers`, next: null },
        data: members.map((m) => consumerBody(m)),
      });
    });

    it('reports the group.instance.id of a static member', async () => {
      const staticGroup = uniqueName('static-group');
      await kafka.joinStaticMember(staticGroup, topic, 'static-instance-1', 'static-client');
      const url = `${staticGroup}/consumers`;
      await kafka.waitFor(
        async () => (await get(url)).json<{ data?: unknown[] }>().data?.length === 1,
        'the static member to join',
      );

      const res = await get(url);

      await expectToMatchSpec(res, 'GET', CONSUMERS);
      expect(res.json<{ data: unknown[] }>().data).toEqual([
        expect.objectContaining({
          instance_id: 'static-instance-1',
          client_id: 'static-client',
        }),
      ]);
    });

    it("returns 404 with kafka-rest's wording for an unknown group", async () => {
      const unknown = uniqueName('nope');
      const res = await get(`${unknown}/consumers`);
      await expectToMatchSpec(res, 'GET', CONSUMERS);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Consumer Group ${unknown} does not exist.`,
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers/:consumer_id', () => {
    it('returns one member', async () => {
      const res = await get(`${groupId}/consumers/${members[1].memberId}`);
      await expectToMatchSpec(res, 'GET', CONSUMER);
      expect(res.json()).toEqual(consumerBody(members[1]));
    });

    it('serves /kafka/v3 with /kafka/v3 links', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/kafka/v3/clusters/${clusterId}/consumer-groups/${groupId}/consumers/${members[0].memberId}`,
        headers: { host: HOST },
      });
      await expectToMatchSpec(res, 'GET', CONSUMER);
      expect(res.json<{ assignments: unknown }>().assignments).toEqual({
        related: `http://${HOST}/kafka/v3/clusters/${clusterId}/consumer-groups/${groupId}/consumers/${members[0].memberId}/assignments`,
      });
    });

    it('returns 404 for an id that is not a member', async () => {
      const res = await get(`${groupId}/consumers/not-a-member`);
      await expectToMatchSpec(res, 'GET', CONSUMER);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });

  describe('GET .../consumers/:consumer_id/assignments', () => {
    it('lists the partitions Kafka assigned to the member, sorted', async () => {
      for (const member of members) {
        const res = await get(`${groupId}/consumers/${member.memberId}/assignments`);

        await expectToMatchSpec(res, 'GET', ASSIGNMENTS);
        expect(member.assignments.length).toBeGreaterThan(0);
        expect(res.json()).toEqual({
          kind: 'KafkaConsumerAssignmentList',
          metadata: { self: `${groupUrl}/consumers/${member.memberId}/assignments`, next: null },
          data: member.assignments.map((a) => assignmentBody(member.memberId, a)),
        });
      }
      const all = members.flatMap((m) => m.assignments.map((a) => a.partition)).sort();
      expect(all).toEqual([0, 1, 2, 3]);
    });

    it('lists the assignments of a KIP-848 member', async () => {
      const consumerGroup = uniqueName('kip848-members');
      await kafka.joinConsumerProtocolMember(consumerGroup, topic, 'kip848-member');
      let consumerId = '';
      await kafka.waitFor(async () => {
        const list = (await get(`${consumerGroup}/consumers`)).json<{
          data?: { consumer_id: string }[];
        }>();
        consumerId = list.data?.[0]?.consumer_id ?? '';
        const assigned = await get(`${consumerGroup}/consumers/${consumerId}/assignments`);
        return assigned.json<{ data?: unknown[] }>().data?.length === 4;
      }, 'the KIP-848 member to own every partition');

      const res = await get(`${consumerGroup}/consumers/${consumerId}/assignments`);

      await expectToMatchSpec(res, 'GET', ASSIGNMENTS);
      const data = res.json<{ data: { topic_name: string; partition_id: number }[] }>().data;
      expect(data.map((a) => [a.topic_name, a.partition_id])).toEqual([
        [topic, 0],
        [topic, 1],
        [topic, 2],
        [topic, 3],
      ]);
    });

    it("returns 404 with kafka-rest's wording for an unknown consumer", async () => {
      const res = await get(`${groupId}/consumers/not-a-member/assignments`);
      await expectToMatchSpec(res, 'GET', ASSIGNMENTS);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Consumer not-a-member does not exist.',
      });
    });
  });

  describe('GET .../consumers/:consumer_id/assignments/:topic_name/partitions/:partition_id', () => {
    it('returns one assignment with links to the partition and its lag', async () => {
      const member = members[0];
      const assignment = member.assignments[0];
      const res = await get(
        `${groupId}/consumers/${member.memberId}/assignments/${assignment.topic}/partitions/${assignment.partition}`,
      );
      await expectToMatchSpec(res, 'GET', ASSIGNMENT);
      expect(res.json()).toEqual(assignmentBody(member.memberId, assignment));
    });

    it('returns 404 for a partition another member owns', async () => {
      const owner = members[1].assignments[0];
      const res = await get(
        `${groupId}/consumers/${members[0].memberId}/assignments/${owner.topic}/partitions/${owner.partition}`,
      );
      await expectToMatchSpec(res, 'GET', ASSIGNMENT);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });
});
