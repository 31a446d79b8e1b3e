import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { readRecords } from '../../support/read-records';
import { uniqueName } from '../../support/unique-names';

const RECORDS_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records';
const TOPIC_PATH = '/clusters/{cluster_id}/topics/{topic_name}';
const BINARY = 'application/vnd.kafka.binary.v2+json';
const b64 = (s: string): string => Buffer.from(s).toString('base64');
// Longer than a single KRaft node takes to create a topic (~100 ms).
const CREATION_TIME_MS = 1_500;

/** GET of the topic and of the list of topics: neither shows the topic. */
async function expectNoTopic(app: NestFastifyApplication, clusterId: string, topic: string) {
  const res = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/topics/${topic}` });
  await expectToMatchSpec(res, 'GET', TOPIC_PATH);
  expect([res.statusCode, res.json()]).toEqual([
    404,
    { error_code: 40403, message: 'This server does not host this topic-partition.' },
  ]);
  const list = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/topics` });
  expect(list.statusCode).toBe(200);
  const names = list.json<{ data: { topic_name: string }[] }>().data.map((t) => t.topic_name);
  expect(names).not.toContain(topic);
}

// The Java producer inside kafka-rest asks for topic auto-creation in its Metadata requests, so
// a broker with auto.create.topics.enable=true (Kafka's default) creates a topic on first produce.
describe('produce to a missing topic with auto.create.topics.enable=true on the broker', () => {
  let cluster: LocalKafkaCluster;
  let app: NestFastifyApplication;
  let clusterId: string;

  beforeAll(async () => {
    cluster = await LocalKafkaCluster.start({
      brokerOverrides: { 'auto.create.topics.enable': true },
    });
    clusterId = cluster.clusterId;
    app = await createTestApp({ KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrapServers });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  it('POST /topics/:topic_name (v2) creates the topic and answers offsets 0..3', async () => {
    // kafka-rest ProducerTopicAutoCreationTest.testProduceToMissingTopic.
    const topic = uniqueName('auto-v2');
    const res = await app.inject({
      method: 'POST',
      url: `/topics/${topic}`,
      headers: { 'content-type': BINARY },
      payload: JSON.stringify({
        records: ['value', 'value2', 'value3', 'value4'].map((v) => ({
          key: b64('key'),
          value: b64(v),
        })),
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      offsets: [0, 1, 2, 3].map((offset) => ({
        partition: 0,
        offset,
        error_code: null,
        error: null,
      })),
      key_schema_id: null,
      value_schema_id: null,
    });
    const topicRes = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}`,
    });
    await expectToMatchSpec(topicRes, 'GET', TOPIC_PATH);
    // The broker's defaults (num.partitions=1, default.replication.factor=1).
    expect(topicRes.json()).toMatchObject({
      topic_name: topic,
      partitions_count: 1,
      replication_factor: 1,
    });
    const { records } = await readRecords(cluster.bootstrapServers, topic, { count: 4 });
    expect(records.map((r) => [r.key?.toString(), r.value?.toString()])).toEqual([
      ['key', 'value'],
      ['key', 'value2'],
      ['key', 'value3'],
      ['key', 'value4'],
    ]);
  });

  it('POST /v3/clusters/:cluster_id/topics/:topic_name/records creates the topic and answers 200', async () => {
    const topic = uniqueName('auto-v3');
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ value: { type: 'STRING', data: 'first' } }),
    });
    await expectToMatchSpec(res, 'POST', RECORDS_PATH);
    expect(res.json()).toEqual({
      error_code: 200,
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: 0,
      offset: 0,
      timestamp: expect.any(String) as unknown,
      value: { type: 'STRING', size: 5 },
    });
    const { records } = await readRecords(cluster.bootstrapServers, topic, { count: 1 });
    expect(records[0].value?.toString()).toBe('first');
  });

  it('POST .../records:batch creates the topic and answers 207 with every entry a success', async () => {
    const topic = uniqueName('auto-batch');
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        entries: [
          { id: 'a', value: { type: 'STRING', data: 'one' } },
          { id: 'b', value: { type: 'STRING', data: 'two' } },
        ],
      }),
    });
    expect(res.statusCode).toBe(207);
    const body = res.json<{ successes: { id: string; offset: number }[]; failures: unknown[] }>();
    expect(body.failures).toEqual([]);
    expect(body.successes.map((s) => [s.id, s.offset])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('GET /v3/clusters/:cluster_id/topics/:topic_name still answers 404 and creates nothing', async () => {
    const topic = uniqueName('auto-get');
    await expectNoTopic(app, clusterId, topic);
    const v2 = await app.inject({ method: 'GET', url: `/topics/${topic}` });
    expect([v2.statusCode, v2.json()]).toEqual([
      404,
      { error_code: 40403, message: 'This server does not host this topic-partition.' },
    ]);
    const partitions = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions`,
    });
    expect(partitions.statusCode).toBe(404);
    await new Promise((r) => setTimeout(r, CREATION_TIME_MS));
    await expectNoTopic(app, clusterId, topic);
  });
});

describe('produce to a missing topic with auto.create.topics.enable=false (the suite broker)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('POST /v3/clusters/:cluster_id/topics/:topic_name/records answers 40401 at once and creates nothing', async () => {
    const clusters = await app.inject({ method: 'GET', url: '/v3/clusters' });
    const clusterId = clusters.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
    const topic = uniqueName('no-auto');
    const started = Date.now();
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ value: { type: 'STRING', data: 'x' } }),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.json()).toEqual({
      error_code: 40401,
      message: `Topic ${topic} not present in metadata.`,
    });
    await new Promise((r) => setTimeout(r, CREATION_TIME_MS));
    await expectNoTopic(app, clusterId, topic);
  });
});
