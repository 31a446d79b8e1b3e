import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/create-app';
import { expectToMatchSpec } from '../support/openapi';
import { TestContext } from '../support/test-context';
import { uniqueName } from '../support/unique-names';

const V2 = 'application/vnd.kafka.v2+json';
/** One byte past what a Kafka protocol string holds. */
const TOO_LONG = 'a'.repeat(32_768);

// Kafka strings carry at most 32767 bytes. The broker could not parse a longer one and closed
// the connection, so the request and every concurrent one on that connection answered 503.
describe("strings longer than Kafka's limit", () => {
  let app: NestFastifyApplication;
  let clusterId: string;
  let topic: string;

  beforeAll(async () => {
    app = await createTestApp();
    ({ topic, clusterId } = await new TestContext(app).newTopic({ prefix: 'long-strings' }));
  });
  afterAll(async () => {
    await app.close();
  });

  const expectRefused = (res: { statusCode: number; json: () => unknown }, field: string) => {
    expect(res.json()).toEqual({
      error_code: 400,
      message: expect.stringMatching(
        new RegExp(`^Invalid value for '${field}': .*32767 bytes`),
      ) as unknown,
    });
    expect(res.statusCode).toBe(400);
  };

  it('refuses a long config value or ACL field with 400, while concurrent requests succeed', async () => {
    const topicUrl = `/v3/clusters/${clusterId}/topics/${topic}`;
    const concurrent = Promise.all(
      Array.from({ length: 20 }, () => app.inject({ method: 'GET', url: `${topicUrl}/configs` })),
    );
    const [config, created, acl, longTopic] = await Promise.all([
      app.inject({
        method: 'PUT',
        url: `${topicUrl}/configs/cleanup.policy`,
        payload: { value: TOO_LONG },
      }),
      app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: {
          topic_name: uniqueName('long-config'),
          configs: [{ name: 'cleanup.policy', value: TOO_LONG }],
        },
      }),
      app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/acls`,
        payload: {
          resource_type: 'TOPIC',
          resource_name: topic,
          pattern_type: 'LITERAL',
          principal: `User:${TOO_LONG}`,
          host: '*',
          operation: 'READ',
          permission: 'ALLOW',
        },
      }),
      app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: TOO_LONG },
      }),
    ]);
    await expectToMatchSpec(
      config,
      'PUT',
      '/clusters/{cluster_id}/topics/{topic_name}/configs/{name}',
    );
    expectRefused(config, 'value');
    expectRefused(created, 'configs.0.value');
    expectRefused(acl, 'principal');
    expectRefused(longTopic, 'topic_name');
    expect((await concurrent).map((res) => res.statusCode)).toEqual(Array(20).fill(200));
  });

  // Request heads are limited (KAFKA_REST_MAX_REQUEST_HEADER_SIZE), but can be set above 32 KiB.
  it('refuses a long ACL filter or stream group id in the query with 400', async () => {
    const acls = `/v3/clusters/${clusterId}/acls`;
    const [search, remove, stream] = await Promise.all([
      app.inject({ method: 'GET', url: `${acls}?principal=User:${TOO_LONG}` }),
      app.inject({
        method: 'DELETE',
        url: `${acls}?resource_type=TOPIC&resource_name=${TOO_LONG}&pattern_type=LITERAL&operation=ALL&permission=ALLOW`,
      }),
      app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records:stream?group_id=${TOO_LONG}`,
        headers: { accept: 'application/x-ndjson' },
      }),
    ]);
    expectRefused(search, 'principal');
    expectRefused(remove, 'resource_name');
    expectRefused(stream, 'group_id');
  });

  it('refuses a long topic name or commit metadata in v2 consumer bodies', async () => {
    const group = uniqueName('long-strings');
    const created = await app.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { 'content-type': V2 },
      payload: { name: 'c1', format: 'binary' },
    });
    expect(created.statusCode).toBe(200);
    const instance = `/consumers/${group}/instances/c1`;
    const post = (path: string, payload: unknown) =>
      app.inject({
        method: 'POST',
        url: `${instance}${path}`,
        headers: { 'content-type': V2 },
        payload: JSON.stringify(payload),
      });

    expectRefused(await post('/subscription', { topics: [TOO_LONG] }), 'topics.0');
    expectRefused(
      await post('/assignments', { partitions: [{ topic: TOO_LONG, partition: 0 }] }),
      'partitions.0.topic',
    );
    expectRefused(
      await post('/offsets', { offsets: [{ topic, partition: 0, offset: 0, metadata: TOO_LONG }] }),
      'offsets.0.metadata',
    );
    // The instance and its connection still work.
    expect((await post('/assignments', { partitions: [{ topic, partition: 0 }] })).statusCode).toBe(
      204,
    );
    const commit = await post('/offsets', { offsets: [{ topic, partition: 0, offset: 0 }] });
    expect(commit.statusCode).toBe(200);
    await app.inject({ method: 'DELETE', url: instance, headers: { 'content-type': V2 } });
  });
});
