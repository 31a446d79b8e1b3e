import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { ensureConsumerOffsetsTopic } from '../../support/internal-topics';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const TOPICS = '/clusters/{cluster_id}/topics';
const TOPIC = '/clusters/{cluster_id}/topics/{topic_name}';

describe('topics', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;
  let clusterId: string;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
    clusterId = await ctx.clusterId();
  });
  afterAll(async () => {
    await app.close();
  });

  function expectedTopic(name: string, partitions: number, replicationFactor: number): unknown {
    const base = `http://localhost:80/v3/clusters/${clusterId}/topics/${name}`;
    return {
      kind: 'KafkaTopic',
      metadata: { self: base, resource_name: `crn:///kafka=${clusterId}/topic=${name}` },
      cluster_id: clusterId,
      topic_name: name,
      is_internal: false,
      replication_factor: replicationFactor,
      partitions_count: partitions,
      authorized_operations: [],
      partitions: { related: `${base}/partitions` },
      configs: { related: `${base}/configs` },
      partition_reassignments: { related: `${base}/partitions/-/reassignment` },
    };
  }

  describe('POST /v3/clusters/:cluster_id/topics', () => {
    it('creates a topic and returns 201, a Location header and the KIP-525 counts', async () => {
      const name = uniqueName('create');
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        headers: { host: 'localhost:80' },
        payload: {
          topic_name: name,
          partitions_count: 3,
          replication_factor: 1,
          configs: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual(expectedTopic(name, 3, 1));
      expect(res.headers.location).toBe(
        `http://localhost:80/v3/clusters/${clusterId}/topics/${name}`,
      );

      const get = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${name}`,
        headers: { host: 'localhost:80' },
      });
      expect(get.json()).toEqual(expectedTopic(name, 3, 1));
    });

    // Null fields are absent (kafka-rest's Java clients write unset fields as null), and counts
    // and flags may come as text (Jackson's default mapper reads them so).
    it.each([
      ['omitted counts (the broker defaults)', {}, 1],
      [
        'null fields, read as absent',
        {
          partitions_count: null,
          replication_factor: null,
          replicas_assignments: null,
          configs: null,
          validate_only: null,
        },
        1,
      ],
      [
        'counts and flags sent as text',
        { partitions_count: '2', replication_factor: '1', validate_only: 'false' },
        2,
      ],
      ['replicas_assignments', { replicas_assignments: { '0': [1], '1': [1] } }, 2],
    ])('creates a topic from %s', async (_case, fields, partitions) => {
      const name = uniqueName('create');
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        headers: { host: 'localhost:80' },
        payload: { topic_name: name, ...fields },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual(expectedTopic(name, partitions, 1));
    });

    it('reads a number sent for a string field as its text, as Jackson does', async () => {
      // A name of digits only, unique to this run: topic names may be all digits.
      const name = Date.now() * 1000 + Math.floor(Math.random() * 1000);
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        headers: { host: 'localhost:80' },
        payload: { topic_name: name, partitions_count: 1, validate_only: true },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect([res.statusCode, res.json<{ topic_name: string }>().topic_name]).toEqual([
        200,
        String(name),
      ]);
    });

    it('returns 200 and creates nothing with validate_only', async () => {
      const name = uniqueName('validate');
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        headers: { host: 'localhost:80' },
        payload: { topic_name: name, partitions_count: 2, validate_only: true },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expectedTopic(name, 2, 1));
      const get = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${name}`,
      });
      expect(get.statusCode).toBe(404);
    });

    it('returns 400/40002 when the topic already exists', async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: topic },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.json()).toEqual({
        error_code: 40002,
        message: `Topic '${topic}' already exists.`,
      });
    });

    it('returns 400/40002 with the broker message for an impossible replication factor', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: uniqueName('rf'), replication_factor: 3 },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error_code: 40002,
        message: expect.stringContaining('replication factor') as unknown,
      });
    });

    it('refuses more than 1000 configs or 10,000 assigned partitions before asking Kafka', async () => {
      const name = uniqueName('too-many');
      const configs = Array.from({ length: 1001 }, () => ({
        name: 'cleanup.policy',
        value: 'delete',
      }));
      const assignments = Object.fromEntries(Array.from({ length: 10_001 }, (_, p) => [p, [1]]));
      for (const body of [{ configs }, { replicas_assignments: assignments }]) {
        const res = await app.inject({
          method: 'POST',
          url: `/v3/clusters/${clusterId}/topics`,
          payload: { topic_name: name, ...body },
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json<{ error_code: number }>().error_code).toBe(400);
      }
      const alter = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${name}/configs:alter`,
        payload: { data: configs },
      });
      expect(alter.statusCode).toBe(400);
      const missing = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${name}`,
      });
      expect(missing.statusCode).toBe(404);
    });

    it('returns 422/42206 for an illegal topic name, however long', async () => {
      // Kafka's broker answered a name of 32 KiB with an unknown server error (40002).
      for (const name of ['bad name!', 'a'.repeat(250), 'a'.repeat(32_767), '..']) {
        const res = await app.inject({
          method: 'POST',
          url: `/v3/clusters/${clusterId}/topics`,
          payload: { topic_name: name, validate_only: name === '..' },
        });
        await expectToMatchSpec(res, 'POST', TOPICS);
        expect(res.json()).toEqual({
          error_code: 42206,
          message: 'Payload error. Invalid topic name.',
        });
      }
    });

    it("passes Kafka's refusal of a legal name through as 400/40002 (a '.' / '_' collision)", async () => {
      const base = uniqueName('collide');
      const first = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: `${base}_x` },
      });
      expect(first.statusCode).toBe(201);
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: `${base}.x` },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.json()).toEqual({
        error_code: 40002,
        message: expect.stringContaining('collides') as unknown,
      });
    });

    it('returns 400 when topic_name is missing', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: {},
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.json()).toEqual({
        error_code: 400,
        message: expect.stringContaining('topic_name') as unknown,
      });
    });

    it('returns 400 for counts beyond the Java int and short fields kafka-rest reads them into', async () => {
      for (const [field, body] of [
        ['partitions_count', { partitions_count: -2_147_483_649 }],
        ['partitions_count', { partitions_count: 2 ** 31 }],
        ['replication_factor', { replication_factor: 40_000 }],
        ['replicas_assignments.0.0', { replicas_assignments: { '0': [2 ** 40] } }],
        ['replicas_assignments', { replicas_assignments: { '99999999999': [1] } }],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url: `/v3/clusters/${clusterId}/topics`,
          payload: { topic_name: uniqueName('range'), ...body, validate_only: true },
        });
        await expectToMatchSpec(res, 'POST', TOPICS);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toEqual({
          error_code: 400,
          message: expect.stringMatching(
            new RegExp(`^Invalid value for '${field.replace(/\./g, '\\.')}.*out of range`),
          ) as unknown,
        });
      }
    });

    it('returns 422 for an unknown field', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: uniqueName('x'), partitions: 3 },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.json()).toEqual({ error_code: 422, message: 'Unrecognized field: partitions' });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v3/clusters/nope/topics',
        payload: { topic_name: uniqueName('x') },
      });
      await expectToMatchSpec(res, 'POST', TOPICS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics', () => {
    it('lists topics sorted by name, internal topics flagged', async () => {
      const { topic } = await ctx.newTopic({ partitions: 2 });
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics`,
        headers: { host: 'localhost:80' },
      });
      await expectToMatchSpec(res, 'GET', TOPICS);
      const body = res.json<{
        kind: string;
        metadata: unknown;
        data: { topic_name: string; is_internal: boolean }[];
      }>();
      expect(body.kind).toBe('KafkaTopicList');
      expect(body.metadata).toEqual({
        self: `http://localhost:80/v3/clusters/${clusterId}/topics`,
        next: null,
      });
      const names = body.data.map((t) => t.topic_name);
      expect(names).toEqual([...names].sort());
      expect(body.data.find((t) => t.topic_name === topic)).toEqual(expectedTopic(topic, 2, 1));
    });

    it('adds authorized_operations with includeAuthorizedOperations=true', async () => {
      await ctx.newTopic();
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics?includeAuthorizedOperations=true`,
      });
      await expectToMatchSpec(res, 'GET', TOPICS);
      const body = res.json<{ data: { authorized_operations?: string[] }[] }>();
      expect(body.data[0].authorized_operations).toEqual(
        expect.arrayContaining(['READ', 'WRITE', 'DESCRIBE']),
      );
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/nope/topics' });
      await expectToMatchSpec(res, 'GET', TOPICS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name', () => {
    it('lists authorized_operations only with include_authorized_operations=true (empty otherwise, as kafka-rest)', async () => {
      const { topic } = await ctx.newTopic();
      const plain = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}`,
      });
      expect(plain.json<{ authorized_operations: string[] }>().authorized_operations).toEqual([]);
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}?include_authorized_operations=true`,
      });
      await expectToMatchSpec(res, 'GET', TOPIC);
      // ANONYMOUS is a super user on the test broker, so every topic operation is authorized.
      expect(res.json<{ authorized_operations: string[] }>().authorized_operations.sort()).toEqual(
        [
          'ALTER',
          'ALTER_CONFIGS',
          'CREATE',
          'DELETE',
          'DESCRIBE',
          'DESCRIBE_CONFIGS',
          'READ',
          'WRITE',
        ].sort(),
      );
    });

    it('returns the internal __consumer_offsets topic with is_internal true', async () => {
      await ensureConsumerOffsetsTopic();
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/__consumer_offsets`,
      });
      await expectToMatchSpec(res, 'GET', TOPIC);
      expect(res.json()).toMatchObject({ topic_name: '__consumer_offsets', is_internal: true });
    });

    // kafka-rest lists topics with the AdminClient's default listTopics(): no internal topics.
    it('leaves internal topics out of the topic list and the all-topics config list', async () => {
      await ensureConsumerOffsetsTopic();
      const names = async (path: string) =>
        (await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}${path}` }))
          .json<{ data: { topic_name: string }[] }>()
          .data.map((t) => t.topic_name);
      for (const path of ['/topics', '/topics/-/configs', '/topics/-/replicas']) {
        const listed = await names(path);
        expect(listed.length, path).toBeGreaterThan(0);
        expect(
          listed.filter((n) => n.startsWith('__')),
          path,
        ).toEqual([]);
      }
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${uniqueName('missing')}`,
      });
      await expectToMatchSpec(res, 'GET', TOPIC);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    });
  });

  describe('PATCH /v3/clusters/:cluster_id/topics/:topic_name', () => {
    it('increases the partition count and returns the topic', async () => {
      const { topic } = await ctx.newTopic({ partitions: 1 });
      const res = await app.inject({
        method: 'PATCH',
        url: `/v3/clusters/${clusterId}/topics/${topic}`,
        headers: { host: 'localhost:80' },
        payload: { partitions_count: 4 },
      });
      await expectToMatchSpec(res, 'PATCH', TOPIC);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expectedTopic(topic, 4, 1));
    });

    it('returns 400/40002 for the same or a lower count', async () => {
      const { topic } = await ctx.newTopic({ partitions: 2 });
      for (const count of [2, 1]) {
        const res = await app.inject({
          method: 'PATCH',
          url: `/v3/clusters/${clusterId}/topics/${topic}`,
          payload: { partitions_count: count },
        });
        await expectToMatchSpec(res, 'PATCH', TOPIC);
        expect(res.json()).toEqual({
          error_code: 40002,
          message: expect.stringMatching(/has 2 partition/) as unknown,
        });
      }
    });

    it("answers an empty body with kafka-rest's PATCH wording (422/42206)", async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'PATCH',
        url: `/v3/clusters/${clusterId}/topics/${topic}`,
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      await expectToMatchSpec(res, 'PATCH', TOPIC);
      expect(res.json()).toEqual({
        error_code: 42206,
        message: 'Payload error. Request body is empty. Partitions_count is required.',
      });
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await app.inject({
        method: 'PATCH',
        url: `/v3/clusters/${clusterId}/topics/${uniqueName('missing')}`,
        payload: { partitions_count: 3 },
      });
      await expectToMatchSpec(res, 'PATCH', TOPIC);
      expect(res.json<{ error_code: number }>().error_code).toBe(40403);
    });
  });

  // Kafka's DeleteTopics and CreatePartitions call a name it cannot hold unknown (kafka-rest
  // relays that); a GET of it is refused as invalid (Metadata), as in kafka-rest.
  it.each([['bad%20name'], ['na%C3%AFve'], ['x'.repeat(250)]])(
    'answers a delete or partition change of the illegal name %s as an unknown topic (404/40403)',
    async (name) => {
      const url = `/v3/clusters/${clusterId}/topics/${name}`;
      const patched = await app.inject({ method: 'PATCH', url, payload: { partitions_count: 3 } });
      const deleted = await app.inject({ method: 'DELETE', url });
      const got = await app.inject({ method: 'GET', url });
      await expectToMatchSpec(patched, 'PATCH', TOPIC);
      await expectToMatchSpec(deleted, 'DELETE', TOPIC);
      const unknown = {
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      };
      expect([
        patched.json(),
        deleted.json(),
        got.json<{ error_code: number }>().error_code,
      ]).toEqual([unknown, unknown, 40002]);
    },
  );

  describe('DELETE /v3/clusters/:cluster_id/topics/:topic_name', () => {
    it('deletes the topic and returns 204', async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'DELETE',
        url: `/v3/clusters/${clusterId}/topics/${topic}`,
      });
      await expectToMatchSpec(res, 'DELETE', TOPIC);
      expect(res.statusCode).toBe(204);
      await expect
        .poll(
          async () =>
            (await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/topics/${topic}` }))
              .statusCode,
        )
        .toBe(404);
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await app.inject({
        method: 'DELETE',
        url: `/v3/clusters/${clusterId}/topics/${uniqueName('missing')}`,
      });
      await expectToMatchSpec(res, 'DELETE', TOPIC);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    });
  });
});
