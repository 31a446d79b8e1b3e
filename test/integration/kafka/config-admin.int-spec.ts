import { Test, TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  ClusterAdmin,
  ConfigAdmin,
  ConfigEntry,
  KafkaError,
  KafkaModule,
  TopicAdmin,
} from '@gateway/kafka';
import { uniqueName } from '../../support/unique-names';

describe(ConfigAdmin.name, () => {
  const bootstrap = inject('kafkaBootstrap');
  let module: TestingModule;
  let configs: ConfigAdmin;
  let topics: TopicAdmin;
  let brokerId: number;

  beforeAll(async () => {
    module = await Test.createTestingModule({
      imports: [
        KafkaModule.forRootAsync({
          useFactory: () => ({
            bootstrapServers: bootstrap.split(','),
            clientId: 'config-admin-int-spec',
            connectionTimeoutMs: 3_000,
            requestTimeoutMs: 30_000,
          }),
        }),
      ],
    }).compile();
    await module.init();
    configs = module.get(ConfigAdmin);
    topics = module.get(TopicAdmin);
    brokerId = (await module.get(ClusterAdmin).describeCluster()).brokers[0].brokerId;
  });
  afterAll(async () => {
    await module.close();
  });

  async function newTopic(): Promise<string> {
    const name = uniqueName('configs');
    await topics.createTopic({ name, partitionsCount: 1, replicationFactor: 1 });
    return name;
  }

  async function topicConfig(topicName: string, name: string): Promise<ConfigEntry | undefined> {
    return (await configs.describe({ type: 'TOPIC', topicName })).find((c) => c.name === name);
  }

  function dynamicTopicConfig(name: string, value: string): ConfigEntry {
    return {
      name,
      value,
      isDefault: false,
      isReadOnly: false,
      isSensitive: false,
      source: 'DYNAMIC_TOPIC_CONFIG',
      synonyms: [{ name, value, source: 'DYNAMIC_TOPIC_CONFIG' }],
    };
  }

  const eventually = { timeout: 10_000, interval: 100 };

  describe('describe', () => {
    it('returns a topic config with its synonyms, sorted by name', async () => {
      const topic = await newTopic();
      const entries = await configs.describe({ type: 'TOPIC', topicName: topic });
      const names = entries.map((e) => e.name);
      expect(names).toEqual([...names].sort());
      expect(entries).toContainEqual({
        name: 'cleanup.policy',
        value: 'delete',
        isDefault: true,
        isReadOnly: false,
        isSensitive: false,
        source: 'DEFAULT_CONFIG',
        synonyms: [{ name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' }],
      });
    });

    it('rejects an unknown topic with TOPIC_NOT_FOUND', async () => {
      await expect(
        configs.describe({ type: 'TOPIC', topicName: uniqueName('none') }),
      ).rejects.toEqual(
        // Kafka marks UNKNOWN_TOPIC_OR_PARTITION retriable (metadata may be stale).
        new KafkaError('TOPIC_NOT_FOUND', 'This server does not host this topic-partition.', true),
      );
    });

    it('describes one broker on that broker, static settings included', async () => {
      const broker = await configs.describe({ type: 'BROKER', brokerId });
      // Set in the local broker's server.properties (libs/local-broker).
      expect(broker).toContainEqual({
        name: 'message.max.bytes',
        value: '20971520',
        isDefault: false,
        isReadOnly: false,
        isSensitive: false,
        source: 'STATIC_BROKER_CONFIG',
        synonyms: [
          { name: 'message.max.bytes', value: '20971520', source: 'STATIC_BROKER_CONFIG' },
          { name: 'message.max.bytes', value: '1048588', source: 'DEFAULT_CONFIG' },
        ],
      });
    });

    it('describes only the dynamic cluster-wide defaults for BROKER_DEFAULTS', async () => {
      // A default no other spec reads or writes.
      const name = 'log.message.timestamp.after.max.ms';
      const resource = { type: 'BROKER_DEFAULTS' } as const;
      await configs.alter(resource, [{ operation: 'SET', name, value: '3600000' }]);
      await vi.waitFor(async () => {
        expect(await configs.describe(resource)).toContainEqual({
          name,
          value: '3600000',
          isDefault: false,
          isReadOnly: false,
          isSensitive: false,
          source: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
          synonyms: [{ name, value: '3600000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' }],
        });
      }, eventually);
      const defaults = await configs.describe(resource);
      expect(defaults.every((c) => c.source === 'DYNAMIC_DEFAULT_BROKER_CONFIG')).toBe(true);
      await configs.alter(resource, [{ operation: 'DELETE', name }]);
      await vi.waitFor(async () => {
        expect((await configs.describe(resource)).map((c) => c.name)).not.toContain(name);
      }, eventually);
    });

    it('rejects a broker id that is not in the cluster', async () => {
      await expect(configs.describe({ type: 'BROKER', brokerId: 4242 })).rejects.toMatchObject({
        kind: 'BROKER_NOT_AVAILABLE',
      });
    });
  });

  describe('describeTopics', () => {
    it('returns each existing topic and leaves out missing ones', async () => {
      const topic = await newTopic();
      const missing = uniqueName('none');
      const byTopic = await configs.describeTopics([topic, missing]);
      expect([...byTopic.keys()]).toEqual([topic]);
      expect(byTopic.get(topic)).toEqual(
        await configs.describe({ type: 'TOPIC', topicName: topic }),
      );
    });
  });

  describe('alter', () => {
    it('is incremental: configs a request does not name keep their values', async () => {
      const topic = await newTopic();
      const resource = { type: 'TOPIC', topicName: topic } as const;
      await configs.alter(resource, [{ operation: 'SET', name: 'retention.ms', value: '7200000' }]);
      await configs.alter(resource, [{ operation: 'SET', name: 'segment.ms', value: '3600000' }]);
      await vi.waitFor(async () => {
        expect(await topicConfig(topic, 'segment.ms')).toMatchObject({ value: '3600000' });
      }, eventually);
      await configs.alter(resource, [{ operation: 'DELETE', name: 'segment.ms' }]);
      await vi.waitFor(async () => {
        expect(await topicConfig(topic, 'segment.ms')).toMatchObject({ isDefault: true });
      }, eventually);
      expect(await topicConfig(topic, 'retention.ms')).toEqual(
        dynamicTopicConfig('retention.ms', '7200000'),
      );
    });

    it('writes nothing when only validating', async () => {
      const topic = await newTopic();
      await configs.alter(
        { type: 'TOPIC', topicName: topic },
        [{ operation: 'SET', name: 'retention.ms', value: '1000' }],
        true,
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(await topicConfig(topic, 'retention.ms')).toMatchObject({ isDefault: true });
    });

    it("rejects an invalid value with BAD_REQUEST and Kafka's message", async () => {
      const topic = await newTopic();
      await expect(
        configs.alter({ type: 'TOPIC', topicName: topic }, [
          { operation: 'SET', name: 'retention.ms', value: 'abc' },
        ]),
      ).rejects.toEqual(
        new KafkaError(
          'BAD_REQUEST',
          'Invalid value abc for configuration retention.ms: Not a number of type LONG',
          false,
        ),
      );
    });
  });

  describe('alterTopics', () => {
    it('returns the failed topics and applies the others', async () => {
      const good = await newTopic();
      const bad = await newTopic();
      const failures = await configs.alterTopics([
        { topicName: good, changes: [{ operation: 'SET', name: 'retention.ms', value: '60000' }] },
        { topicName: bad, changes: [{ operation: 'SET', name: 'retention.ms', value: 'abc' }] },
      ]);
      expect([...failures.keys()]).toEqual([bad]);
      expect(failures.get(bad)?.kind).toBe('BAD_REQUEST');
      await vi.waitFor(async () => {
        expect(await topicConfig(good, 'retention.ms')).toEqual(
          dynamicTopicConfig('retention.ms', '60000'),
        );
      }, eventually);
    });
  });
});
