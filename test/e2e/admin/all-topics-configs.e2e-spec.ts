import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';

// The `topics/-` wildcard routes. The multi-topic alter is not in Confluent's OpenAPI file.
const CONFIG = '/clusters/{cluster_id}/topics/{topic_name}/configs/{name}';
const ALL_CONFIGS = '/clusters/{cluster_id}/topics/-/configs';

interface ConfigFields {
  value: string | null;
  is_default: boolean;
  source: string;
  synonyms: { name: string; value: string | null; source: string }[];
}
type ConfigList = { data: { topic_name: string; name: string }[] };

// Kafka 4.1's default.
const DEFAULT_CLEANUP_POLICY: ConfigFields = {
  value: 'delete',
  is_default: true,
  source: 'DEFAULT_CONFIG',
  synonyms: [{ name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' }],
};

function dynamic(name: string, value: string, defaults: ConfigFields['synonyms'] = []) {
  return {
    value,
    is_default: false,
    source: 'DYNAMIC_TOPIC_CONFIG',
    synonyms: [{ name, value, source: 'DYNAMIC_TOPIC_CONFIG' }, ...defaults],
  };
}

type InjectResponse = Awaited<ReturnType<NestFastifyApplication['inject']>>;

describe('all topics configs', () => {
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

  function base(): string {
    return `http://localhost:80/v3/clusters/${clusterId}`;
  }

  function expectedConfig(topic: string, name: string, fields: ConfigFields) {
    return {
      kind: 'KafkaTopicConfig',
      metadata: {
        self: `${base()}/topics/${topic}/configs/${name}`,
        resource_name: `crn:///kafka=${clusterId}/topic=${topic}/config=${name}`,
      },
      cluster_id: clusterId,
      topic_name: topic,
      name,
      is_read_only: false,
      is_sensitive: false,
      ...fields,
    };
  }

  function request(method: 'GET' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url: `/v3/clusters/${clusterId}${url}`, payload });
  }

  async function getConfig(topic: string, name: string): Promise<InjectResponse> {
    const res = await request('GET', `/topics/${topic}/configs/${name}`);
    await expectToMatchSpec(res, 'GET', CONFIG);
    return res;
  }

  /** A write answers once the broker shows it: the read right after it sees the change. */
  async function expectConfig(topic: string, name: string, fields: ConfigFields) {
    expect((await getConfig(topic, name)).json()).toEqual(expectedConfig(topic, name, fields));
  }

  describe('GET /v3/clusters/:cluster_id/topics/-/configs', () => {
    it('returns the configs of every topic, by topic then by name', async () => {
      const { topic: first } = await ctx.newTopic({ prefix: 'all-a' });
      const { topic: second } = await ctx.newTopic({ prefix: 'all-b' });
      const res = await request('GET', '/topics/-/configs');
      await expectToMatchSpec(res, 'GET', ALL_CONFIGS);
      expect(res.statusCode).toBe(200);
      const body = res.json<ConfigList & { kind: string; metadata: unknown }>();
      expect(body.kind).toBe('KafkaTopicConfigList');
      expect(body.metadata).toEqual({ self: `${base()}/topics/-/configs`, next: null });
      const order = body.data.map((c) => `${c.topic_name}\u0000${c.name}`);
      expect(order).toEqual([...order].sort());
      // Names, not whole bodies: the cluster-configs spec may change a default's synonyms meanwhile.
      for (const topic of [first, second]) {
        const single = await request('GET', `/topics/${topic}/configs`);
        const mine = body.data.filter((c) => c.topic_name === topic);
        expect(mine.map((c) => c.name)).toEqual(single.json<ConfigList>().data.map((c) => c.name));
        expect(mine).toContainEqual(
          expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY),
        );
      }
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/nope/topics/-/configs' });
      await expectToMatchSpec(res, 'GET', ALL_CONFIGS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  // Confluent serves this route but its OpenAPI file omits it, so bodies are asserted directly.
  describe('POST /v3/clusters/:cluster_id/topics/-/configs:alter', () => {
    it('alters several topics and returns 204', async () => {
      const { topic: first } = await ctx.newTopic();
      const { topic: second } = await ctx.newTopic();
      const res = await request('POST', '/topics/-/configs:alter', {
        data: [
          { topic_name: first, configs: [{ name: 'retention.ms', value: '120000' }] },
          { topic_name: second, configs: [{ name: 'cleanup.policy', value: 'compact' }] },
        ],
      });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      await expectConfig(first, 'retention.ms', dynamic('retention.ms', '120000'));
      await expectConfig(
        second,
        'cleanup.policy',
        dynamic('cleanup.policy', 'compact', DEFAULT_CLEANUP_POLICY.synonyms),
      );
    });

    it('returns 207 with the failed topics and alters the others', async () => {
      const { topic: good } = await ctx.newTopic();
      const { topic: bad } = await ctx.newTopic();
      const res = await request('POST', '/topics/-/configs:alter', {
        data: [
          { topic_name: good, configs: [{ name: 'retention.ms', value: '180000' }] },
          { topic_name: bad, configs: [{ name: 'retention.ms', value: 'abc' }] },
        ],
      });
      expect(res.statusCode).toBe(207);
      expect(res.json()).toEqual({
        failures: [
          {
            topic_name: bad,
            error_code: 40002,
            message: 'Invalid value abc for configuration retention.ms: Not a number of type LONG',
          },
        ],
      });
      await expectConfig(good, 'retention.ms', dynamic('retention.ms', '180000'));
      expect((await getConfig(bad, 'retention.ms')).json()).toMatchObject({
        source: 'DEFAULT_CONFIG',
      });
    });

    it('only validates with validate_only and returns 204', async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/kafka/v3/clusters/${clusterId}/topics/-/configs:alter`,
        payload: {
          data: [{ topic_name: topic, configs: [{ name: 'cleanup.policy', value: 'compact' }] }],
          validate_only: true,
        },
      });
      expect(res.statusCode).toBe(204);
      await new Promise((r) => setTimeout(r, 500));
      expect((await getConfig(topic, 'cleanup.policy')).json()).toEqual(
        expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY),
      );
    });

    it('returns 404 before writing anything when a topic or config name is unknown', async () => {
      const { topic } = await ctx.newTopic();
      const topicRes = await request('POST', '/topics/-/configs:alter', {
        data: [
          { topic_name: topic, configs: [{ name: 'cleanup.policy', value: 'compact' }] },
          { topic_name: 'no-such-topic', configs: [{ name: 'retention.ms', value: '1' }] },
        ],
      });
      expect(topicRes.statusCode).toBe(404);
      expect(topicRes.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
      const configRes = await request('POST', '/topics/-/configs:alter', {
        data: [{ topic_name: topic, configs: [{ name: 'no.such.config', value: 'x' }] }],
      });
      expect(configRes.statusCode).toBe(404);
      expect(configRes.json()).toEqual({
        error_code: 404,
        message: `Config no.such.config cannot be found for TOPIC ${topic} in cluster ${clusterId}.`,
      });
      expect((await getConfig(topic, 'cleanup.policy')).json()).toEqual(
        expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY),
      );
    });
  });
});
