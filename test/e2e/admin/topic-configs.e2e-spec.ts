import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';

const CONFIGS = '/clusters/{cluster_id}/topics/{topic_name}/configs';
const CONFIG = '/clusters/{cluster_id}/topics/{topic_name}/configs/{name}';
const ALTER = '/clusters/{cluster_id}/topics/{topic_name}/configs:alter';

interface Synonym {
  name: string;
  value: string | null;
  source: string;
}
interface ConfigFields {
  value: string | null;
  is_default: boolean;
  source: string;
  synonyms: Synonym[];
}
type ConfigList = { data: { topic_name: string; name: string }[] };

// Kafka 4.1 defaults, and the gateway's local broker sets message.max.bytes statically.
const DEFAULT_CLEANUP_POLICY: ConfigFields = {
  value: 'delete',
  is_default: true,
  source: 'DEFAULT_CONFIG',
  synonyms: [{ name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' }],
};
const STATIC_MAX_MESSAGE_BYTES: ConfigFields = {
  value: '20971520',
  is_default: false,
  source: 'STATIC_BROKER_CONFIG',
  synonyms: [
    { name: 'message.max.bytes', value: '20971520', source: 'STATIC_BROKER_CONFIG' },
    { name: 'message.max.bytes', value: '1048588', source: 'DEFAULT_CONFIG' },
  ],
};

function dynamic(name: string, value: string, defaults: Synonym[] = []): ConfigFields {
  return {
    value,
    is_default: false,
    source: 'DYNAMIC_TOPIC_CONFIG',
    synonyms: [{ name, value, source: 'DYNAMIC_TOPIC_CONFIG' }, ...defaults],
  };
}

type InjectResponse = Awaited<ReturnType<NestFastifyApplication['inject']>>;

describe('topic configs', () => {
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

  function base(prefix = '/v3'): string {
    return `http://localhost:80${prefix}/clusters/${clusterId}`;
  }

  function expectedConfig(topic: string, name: string, fields: ConfigFields, prefix = '/v3') {
    return {
      kind: 'KafkaTopicConfig',
      metadata: {
        self: `${base(prefix)}/topics/${topic}/configs/${name}`,
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

  function request(method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, payload?: object) {
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

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/configs', () => {
    it('returns every config of the topic, sorted by name, with synonyms', async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('GET', `/topics/${topic}/configs`);
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.statusCode).toBe(200);
      const body = res.json<ConfigList & { kind: string; metadata: unknown }>();
      expect(body.kind).toBe('KafkaTopicConfigList');
      expect(body.metadata).toEqual({ self: `${base()}/topics/${topic}/configs`, next: null });
      const names = body.data.map((c) => c.name);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(['cleanup.policy', 'retention.ms']));
      expect(body.data).toContainEqual(
        expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY),
      );
      expect(body.data).toContainEqual(
        expectedConfig(topic, 'max.message.bytes', STATIC_MAX_MESSAGE_BYTES),
      );
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await request('GET', '/topics/no-such-topic/configs');
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    });

    it('returns 404 for an unknown cluster', async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/nope/topics/${topic}/configs`,
      });
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/configs/:name', () => {
    it('returns one config', async () => {
      const { topic } = await ctx.newTopic();
      const res = await getConfig(topic, 'cleanup.policy');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY));
    });

    it('returns 404 for an unknown config name', async () => {
      const { topic } = await ctx.newTopic();
      const res = await getConfig(topic, 'no.such.config');
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await getConfig('no-such-topic', 'cleanup.policy');
      expect(res.json()).toMatchObject({ error_code: 40403 });
    });
  });

  describe('PUT /v3/clusters/:cluster_id/topics/:topic_name/configs/:name', () => {
    it('sets the value and returns 204', async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('PUT', `/topics/${topic}/configs/cleanup.policy`, {
        value: 'compact',
      });
      await expectToMatchSpec(res, 'PUT', CONFIG);
      expect(res.statusCode).toBe(204);
      await expectConfig(
        topic,
        'cleanup.policy',
        dynamic('cleanup.policy', 'compact', DEFAULT_CLEANUP_POLICY.synonyms),
      );
    });

    it("returns 400/40002 with Kafka's message for an invalid value", async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('PUT', `/topics/${topic}/configs/retention.ms`, { value: 'abc' });
      await expectToMatchSpec(res, 'PUT', CONFIG);
      expect(res.json()).toEqual({
        error_code: 40002,
        message: 'Invalid value abc for configuration retention.ms: Not a number of type LONG',
      });
    });

    it('returns 404 for a config the topic does not have', async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('PUT', `/topics/${topic}/configs/no.such.config`, { value: 'x' });
      await expectToMatchSpec(res, 'PUT', CONFIG);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Config no.such.config cannot be found for TOPIC ${topic} in cluster ${clusterId}.`,
      });
    });

    it('returns 404/40403 for an unknown topic and 404 for an unknown cluster', async () => {
      const topicRes = await request('PUT', '/topics/no-such-topic/configs/retention.ms', {
        value: '1000',
      });
      await expectToMatchSpec(topicRes, 'PUT', CONFIG);
      expect(topicRes.json()).toMatchObject({ error_code: 40403 });
      const clusterRes = await app.inject({
        method: 'PUT',
        url: '/v3/clusters/nope/topics/t/configs/retention.ms',
        payload: { value: '1000' },
      });
      await expectToMatchSpec(clusterRes, 'PUT', CONFIG);
      expect(clusterRes.json()).toEqual({
        error_code: 404,
        message: 'Cluster nope cannot be found.',
      });
    });
  });

  describe('DELETE /v3/clusters/:cluster_id/topics/:topic_name/configs/:name', () => {
    it('resets the config to its default and returns 204', async () => {
      const { topic } = await ctx.newTopic();
      await request('PUT', `/topics/${topic}/configs/max.message.bytes`, { value: '2048' });
      await expectConfig(
        topic,
        'max.message.bytes',
        dynamic('max.message.bytes', '2048', STATIC_MAX_MESSAGE_BYTES.synonyms),
      );
      const res = await request('DELETE', `/topics/${topic}/configs/max.message.bytes`);
      await expectToMatchSpec(res, 'DELETE', CONFIG);
      expect(res.statusCode).toBe(204);
      await expectConfig(topic, 'max.message.bytes', STATIC_MAX_MESSAGE_BYTES);
    });

    it('returns 404 for an unknown config name and 40403 for an unknown topic', async () => {
      const { topic } = await ctx.newTopic();
      const configRes = await request('DELETE', `/topics/${topic}/configs/no.such.config`);
      await expectToMatchSpec(configRes, 'DELETE', CONFIG);
      expect(configRes.json()).toEqual({
        error_code: 404,
        message: `Config no.such.config cannot be found for TOPIC ${topic} in cluster ${clusterId}.`,
      });
      const topicRes = await request('DELETE', '/topics/no-such-topic/configs/retention.ms');
      await expectToMatchSpec(topicRes, 'DELETE', CONFIG);
      expect(topicRes.json()).toMatchObject({ error_code: 40403 });
    });
  });

  describe('POST /v3/clusters/:cluster_id/topics/:topic_name/configs:alter', () => {
    it('applies SET and DELETE operations in one batch and returns 204', async () => {
      const { topic } = await ctx.newTopic();
      await request('PUT', `/topics/${topic}/configs/max.message.bytes`, { value: '2048' });
      const res = await request('POST', `/topics/${topic}/configs:alter`, {
        data: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'retention.ms', value: '3600000', operation: 'SET' },
          { name: 'max.message.bytes', operation: 'DELETE' },
        ],
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      await expectConfig(
        topic,
        'cleanup.policy',
        dynamic('cleanup.policy', 'compact', DEFAULT_CLEANUP_POLICY.synonyms),
      );
      await expectConfig(topic, 'retention.ms', dynamic('retention.ms', '3600000'));
      await expectConfig(topic, 'max.message.bytes', STATIC_MAX_MESSAGE_BYTES);
    });

    it('changes only the configs it names: an earlier setting survives (incremental alter)', async () => {
      const { topic } = await ctx.newTopic();
      // A: set first, then never named again (a number, which Jackson reads as its text).
      await request('PUT', `/topics/${topic}/configs/retention.ms`, { value: 7200000 });
      await expectConfig(topic, 'retention.ms', dynamic('retention.ms', '7200000'));
      // B: set through the batch alter (with the nulls a Java client writes for unset
      // fields), then reset through DELETE.
      const alter = await request('POST', `/topics/${topic}/configs:alter`, {
        data: [{ name: 'max.message.bytes', value: '4096', operation: null }],
        validate_only: null,
      });
      expect(alter.statusCode).toBe(204);
      await expectConfig(
        topic,
        'max.message.bytes',
        dynamic('max.message.bytes', '4096', STATIC_MAX_MESSAGE_BYTES.synonyms),
      );
      expect((await getConfig(topic, 'retention.ms')).json()).toEqual(
        expectedConfig(topic, 'retention.ms', dynamic('retention.ms', '7200000')),
      );
      const reset = await request('DELETE', `/topics/${topic}/configs/max.message.bytes`);
      expect(reset.statusCode).toBe(204);
      await expectConfig(topic, 'max.message.bytes', STATIC_MAX_MESSAGE_BYTES);
      expect((await getConfig(topic, 'retention.ms')).json()).toEqual(
        expectedConfig(topic, 'retention.ms', dynamic('retention.ms', '7200000')),
      );
    });

    it('only validates with validate_only and returns 204', async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('POST', `/topics/${topic}/configs:alter`, {
        data: [{ name: 'cleanup.policy', value: 'compact' }],
        validate_only: true,
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      // Give a real write time to land, then check none did.
      await new Promise((r) => setTimeout(r, 500));
      expect((await getConfig(topic, 'cleanup.policy')).json()).toEqual(
        expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY),
      );
    });

    it('returns 400/40002 when validate_only finds an invalid value', async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('POST', `/topics/${topic}/configs:alter`, {
        data: [{ name: 'cleanup.policy', value: 'bogus' }],
        validate_only: true,
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.json()).toEqual({
        error_code: 40002,
        message:
          'Invalid value bogus for configuration cleanup.policy: String must be one of: compact, delete',
      });
    });

    it('returns 404 and changes nothing when one config name is unknown', async () => {
      const { topic } = await ctx.newTopic();
      const res = await request('POST', `/topics/${topic}/configs:alter`, {
        data: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'no.such.config', value: 'x' },
        ],
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Config no.such.config cannot be found for TOPIC ${topic} in cluster ${clusterId}.`,
      });
      expect((await getConfig(topic, 'cleanup.policy')).json()).toEqual(
        expectedConfig(topic, 'cleanup.policy', DEFAULT_CLEANUP_POLICY),
      );
    });

    it('returns 404/40403 for an unknown topic and 422 for an unknown field', async () => {
      const topicRes = await request('POST', '/topics/no-such-topic/configs:alter', {
        data: [{ name: 'cleanup.policy', value: 'compact' }],
      });
      await expectToMatchSpec(topicRes, 'POST', ALTER);
      expect(topicRes.json()).toMatchObject({ error_code: 40403 });
      const { topic } = await ctx.newTopic();
      const fieldRes = await request('POST', `/topics/${topic}/configs:alter`, {
        data: [{ name: 'cleanup.policy', value: 'compact', extra: 1 }],
      });
      await expectToMatchSpec(fieldRes, 'POST', ALTER);
      expect(fieldRes.json()).toEqual({ error_code: 422, message: 'Unrecognized field: extra' });
    });

    it('is served under /kafka/v3 too', async () => {
      const { topic } = await ctx.newTopic();
      const res = await app.inject({
        method: 'POST',
        url: `/kafka/v3/clusters/${clusterId}/topics/${topic}/configs:alter`,
        payload: { data: [{ name: 'retention.ms', value: '60000' }] },
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      await expectConfig(topic, 'retention.ms', dynamic('retention.ms', '60000'));
      const get = await app.inject({
        method: 'GET',
        url: `/kafka/v3/clusters/${clusterId}/topics/${topic}/configs/retention.ms`,
      });
      await expectToMatchSpec(get, 'GET', CONFIG);
      expect(get.json()).toEqual(
        expectedConfig(topic, 'retention.ms', dynamic('retention.ms', '60000'), '/kafka/v3'),
      );
    });
  });
});
