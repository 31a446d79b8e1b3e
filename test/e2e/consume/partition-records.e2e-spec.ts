import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToMatchConsumeSpec } from '../../support/consume-openapi';
import { createTestApp } from '../../support/create-app';
import { listenTestApp } from '../../support/listening-app';
import {
  createFixtureTopic,
  disconnectFixtures,
  produceMany,
  produceRecords,
  produceTransaction,
} from '../../support/produce-records';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const PATH = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records';

interface RecordsBody {
  next_offset: number;
  metadata: { self: string; next: string };
  data: { offset: number; value: { type: string; data: unknown } | null }[];
}

describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/records', () => {
  let app: NestFastifyApplication;
  let other: NestFastifyApplication;
  let clusterId: string;

  beforeAll(async () => {
    [app, other] = await Promise.all([createTestApp(), createTestApp()]);
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await Promise.all([app.close(), other.close()]);
    await disconnectFixtures();
  });

  const url = (topic: string, partition: number, query: string): string =>
    `/v3/clusters/${clusterId}/topics/${topic}/partitions/${partition}/records?${query}`;

  it('returns the records from an offset with key, value, headers and timestamp, and where to continue', async () => {
    const topic = await createFixtureTopic(uniqueName('read'));
    await produceRecords(topic, [
      { key: 'k0', value: '{"a":1}', headers: { trace: 'abc' }, timestamp: 1_700_000_000_000 },
      { key: null, value: 'not json', timestamp: 1_700_000_001_000 },
      { key: 'k2', value: null, timestamp: 1_700_000_002_000 },
    ]);
    const res = await app.inject({
      method: 'GET',
      url: url(topic, 0, 'offset=0&format=json&timeout_ms=100'),
      headers: { host: 'gw.test:8082' },
    });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    const self = `http://gw.test:8082/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records`;
    expect(res.json()).toEqual({
      kind: 'KafkaPartitionRecords',
      metadata: {
        self: `${self}?offset=0&format=json&timeout_ms=100`,
        next: `${self}?offset=3&format=json&timeout_ms=100`,
      },
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: 0,
      earliest_offset: 0,
      latest_offset: 3,
      next_offset: 3,
      data: [
        {
          topic_name: topic,
          partition_id: 0,
          offset: 0,
          timestamp: '2023-11-14T22:13:20.000Z',
          timestamp_type: 'CREATE_TIME',
          key: { type: 'BINARY', data: Buffer.from('k0').toString('base64') },
          value: { type: 'JSON', data: { a: 1 } },
          headers: [{ name: 'trace', value: Buffer.from('abc').toString('base64') }],
        },
        {
          topic_name: topic,
          partition_id: 0,
          offset: 1,
          timestamp: '2023-11-14T22:13:21.000Z',
          timestamp_type: 'CREATE_TIME',
          key: null,
          value: { type: 'BINARY', data: Buffer.from('not json').toString('base64') },
          headers: [],
        },
        {
          topic_name: topic,
          partition_id: 0,
          offset: 2,
          timestamp: '2023-11-14T22:13:22.000Z',
          timestamp_type: 'CREATE_TIME',
          key: { type: 'BINARY', data: Buffer.from('k2').toString('base64') },
          value: null,
          headers: [],
        },
      ],
    });
  });

  it('starts at the first record at or after an ISO-8601 timestamp, as strings', async () => {
    const topic = await createFixtureTopic(uniqueName('read-ts'));
    await produceRecords(topic, [
      { value: 'a', timestamp: Date.parse('2024-01-01T00:00:00Z') },
      { value: 'b', timestamp: Date.parse('2024-01-02T00:00:00Z') },
    ]);
    const res = await app.inject({
      method: 'GET',
      url: url(topic, 0, 'timestamp=2024-01-01T12:00:00Z&format=string&timeout_ms=100'),
    });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    const body = res.json<RecordsBody>();
    expect(body.data.map((r) => [r.offset, r.value])).toEqual([[1, { type: 'STRING', data: 'b' }]]);
    expect(body.next_offset).toBe(2);
  });

  it('lets two gateway replicas serve one reader page by page with no gap and no duplicate', async () => {
    const topic = await createFixtureTopic(uniqueName('read-lb'));
    await produceMany(topic, 250);
    const seen: number[] = [];
    let offset = 0;
    for (let page = 0; seen.length < 250 && page < 20; page++) {
      const replica = page % 2 === 0 ? app : other;
      const res = await replica.inject({
        method: 'GET',
        url: url(topic, 0, `offset=${offset}&max_records=40&timeout_ms=100`),
      });
      await expectToMatchConsumeSpec(res, 'GET', PATH);
      const body = res.json<RecordsBody>();
      expect(body.data.length).toBeLessThanOrEqual(40);
      seen.push(...body.data.map((r) => r.offset));
      offset = body.next_offset;
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('waits up to timeout_ms at the end of the log and answers an empty page', async () => {
    const topic = await createFixtureTopic(uniqueName('read-empty'));
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: url(topic, 0, 'offset=0&timeout_ms=300') });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(res.json<RecordsBody>()).toMatchObject({ next_offset: 0, data: [] });
  });

  it('never returns records of aborted transactions, nor the transaction markers', async () => {
    const topic = await createFixtureTopic(uniqueName('read-txn'));
    await produceTransaction(topic, ['a', 'b'], 'commit');
    await produceTransaction(topic, ['x', 'y'], 'abort');
    await produceTransaction(topic, ['c'], 'commit');
    // The coordinator writes the last commit marker after commitTransaction returns: until it
    // lands, a read-committed read stops before 'c' (the last stable offset).
    let res = await app.inject({ method: 'GET', url: url(topic, 0, 'offset=0&timeout_ms=500') });
    for (let i = 0; i < 20 && res.json<RecordsBody>().next_offset < 8; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await app.inject({ method: 'GET', url: url(topic, 0, 'offset=0&timeout_ms=500') });
    }
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    const body = res.json<RecordsBody>();
    // a, b, marker, x, y, marker, c, marker: offsets 0-7.
    const text = (data: unknown): string => Buffer.from(String(data), 'base64').toString();
    expect(body.data.map((r) => [r.offset, text(r.value?.data)])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [6, 'c'],
    ]);
    expect(body.next_offset).toBe(8);
  });

  it('returns no records and the same next_offset for max_records=0', async () => {
    const topic = await createFixtureTopic(uniqueName('read-zero'));
    await produceRecords(topic, [{ value: 'a' }, { value: 'b' }]);
    const res = await app.inject({
      method: 'GET',
      url: url(topic, 0, 'offset=1&max_records=0&timeout_ms=100'),
    });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    const body = res.json<{ data: unknown[]; next_offset: number }>();
    expect([res.statusCode, body.data, body.next_offset]).toEqual([200, [], 1]);
  });

  it('returns 400 when neither offset nor timestamp is given', async () => {
    const topic = await createFixtureTopic(uniqueName('read-bad'));
    const res = await app.inject({ method: 'GET', url: url(topic, 0, 'max_records=1') });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    expect(res.json()).toEqual({
      error_code: 400,
      message: "Exactly one of 'offset' and 'timestamp' is required.",
    });
  });

  it('returns 400 for an offset past the end of the log', async () => {
    const topic = await createFixtureTopic(uniqueName('read-range'));
    await produceRecords(topic, [{ value: 'a' }]);
    const res = await app.inject({ method: 'GET', url: url(topic, 0, 'offset=9&timeout_ms=10') });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    expect(res.json()).toEqual({
      error_code: 400,
      message:
        "Offset 9 is out of range: the partition's log starts at 0 and ends at 1 (the next offset to be written).",
    });
  });

  it('returns 404 40403 for an unknown topic or partition', async () => {
    const topic = await createFixtureTopic(uniqueName('read-404'));
    for (const target of [url(uniqueName('missing'), 0, 'offset=0'), url(topic, 7, 'offset=0')]) {
      const res = await app.inject({ method: 'GET', url: target });
      await expectToMatchConsumeSpec(res, 'GET', PATH);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    }
  });

  it('returns 404 40403 when the topic is deleted while the read waits', async () => {
    const topic = await createFixtureTopic(uniqueName('read-deleted'));
    const reading = app.inject({ method: 'GET', url: url(topic, 0, 'offset=0&timeout_ms=10000') });
    await new Promise((r) => setTimeout(r, 500));
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/v3/clusters/${clusterId}/topics/${topic}`,
    });
    expect(deleted.statusCode).toBe(204);
    const res = await reading;
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    expect([res.statusCode, res.json()]).toEqual([
      404,
      { error_code: 40403, message: 'This server does not host this topic-partition.' },
    ]);
  });

  it('returns 404 for an unknown cluster, also under /kafka/v3', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/kafka/v3/clusters/nope/topics/t/partitions/0/records?offset=0',
    });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
  });
});

describe('GET .../partitions/:partition_id/records whose client leaves', () => {
  it("frees the read's Kafka connections at once, not after timeout_ms", async () => {
    const gw = await listenTestApp();
    try {
      const clusterId = await new TestContext(gw.app).clusterId();
      const topic = await createFixtureTopic(uniqueName('read-abort'));
      const url = `${gw.baseUrl}/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&timeout_ms=20000`;
      // TCP sockets of this process: the gateway's (HTTP and Kafka) and the test's own.
      const sockets = (): number =>
        process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
      const before = sockets();
      const clients = Array.from({ length: 10 }, () => new AbortController());
      const reads = clients.map((c) => fetch(url, { signal: c.signal }).catch(() => undefined));
      await new Promise((r) => setTimeout(r, 1_000));
      // Each waiting read holds its HTTP connection (both ends) and its Kafka connections.
      expect(sockets()).toBeGreaterThan(before + 30);
      clients.forEach((c) => c.abort());
      await Promise.all(reads);
      await expect.poll(sockets, { timeout: 5_000, interval: 100 }).toBeLessThanOrEqual(before + 2);
    } finally {
      await gw.app.close();
    }
  });
});
