import { Agent, request } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupLagCollector } from '@gateway/metrics';
import { createTestApp } from '../support/create-app';
import { GroupFixtures } from '../support/kafka-clients';
import { listenTestApp } from '../support/listening-app';
import { StreamingClient } from '../support/streaming-client';
import { createFixtureTopic, disconnectFixtures, produceRecords } from '../support/produce-records';
import { uniqueName } from '../support/unique-names';
import { TestContext } from '../support/test-context';

/** GET /v3/clusters over `agent`; resolves once the answer is read. */
function get(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/v3/clusters', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    })
      .on('error', reject)
      .end();
  });
}

/** The value of one series in a Prometheus text exposition, or 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function scrape(): Promise<string> {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.body;
  }

  it('counts requests by route template and status, never by raw URL', async () => {
    const { topic, clusterId } = await new TestContext(app).newTopic();
    const route = '/v3/clusters/:cluster_id/topics/:topic_name';
    // endpoint: kafka-rest's @PerformanceMetric name; status_class: Jersey's status classes.
    const labels = (status: number, statusClass: string): string =>
      `{method="GET",route="${route}",status="${status}",status_class="${statusClass}",endpoint="v3.topics.get"}`;
    const series = `gateway_http_requests_total${labels(200, '2xx')}`;
    const missing = `gateway_http_requests_total${labels(404, '4xx')}`;
    const before = await scrape();
    await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/topics/${topic}` });
    await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/topics/${topic}` });
    await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/topics/no-such-topic-xyz` });
    const after = await scrape();
    expect(sample(after, series) - sample(before, series)).toBe(2);
    expect(sample(after, missing) - sample(before, missing)).toBe(1);
    expect(after).not.toContain(topic);
    expect(after).toContain(
      `gateway_http_request_duration_seconds_bucket{le="0.005",method="GET",route="${route}",status="200",status_class="2xx",endpoint="v3.topics.get"}`,
    );
  });

  it("names v2 produce and consume endpoints per embedded format, as kafka-rest's metrics do", async () => {
    const { topic } = await new TestContext(app).newTopic();
    const before = await scrape();
    const produced = await app.inject({
      method: 'POST',
      url: `/topics/${topic}`,
      headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
      payload: { records: [{ value: 1 }] },
    });
    expect(produced.statusCode).toBe(200);
    const unknown = await app.inject({
      method: 'GET',
      url: '/nothing-here',
    });
    expect(unknown.statusCode).toBe(404);
    const after = await scrape();
    const json = `gateway_http_requests_total{method="POST",route="/topics/:topic_name",status="200",status_class="2xx",endpoint="topic.produce-json+v2"}`;
    expect(sample(after, json) - sample(before, json)).toBe(1);
    const unmatched = `gateway_http_requests_total{method="GET",route="unmatched",status="404",status_class="4xx"}`;
    expect(sample(after, unmatched) - sample(before, unmatched)).toBe(1);
  });

  it('exports Kafka client request latency from kafkajs instrumentation', async () => {
    const clusterId = await new TestContext(app).clusterId();
    const { topic } = await new TestContext(app).newTopic();
    await app.inject({ method: 'DELETE', url: `/v3/clusters/${clusterId}/topics/${topic}` });
    const text = await scrape();
    expect(
      sample(
        text,
        'gateway_kafka_request_duration_seconds_count{client="admin",api="DeleteTopics"}',
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('exports process and event-loop metrics', async () => {
    const text = await scrape();
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('exports consumer-group lag per group, topic and partition from real offsets', async () => {
    const fixtures = new GroupFixtures();
    try {
      const topic = await fixtures.createTopic(uniqueName('lag'), 2);
      const group = uniqueName('lag-group');
      await fixtures.produce(topic, 0, 5);
      await fixtures.produce(topic, 1, 4);
      await fixtures.commit(group, topic, { 0: 2, 1: 4 });
      await app.get(GroupLagCollector).refresh();
      const text = await scrape();
      const series = (p: number) =>
        `gateway_consumer_group_lag_records{group="${group}",topic="${topic}",partition="${p}"}`;
      expect(sample(text, series(0))).toBe(3);
      expect(text).toContain(`${series(1)} 0`);
    } finally {
      await fixtures.close();
    }
  });

  it('counts consumed records and live v2 consumer instances', async () => {
    const clusterId = await new TestContext(app).clusterId();
    const topic = await createFixtureTopic(uniqueName('consumed'));
    await produceRecords(topic, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const consumed = `gateway_consumed_records_total{topic="${topic}"}`;
    const instances = 'gateway_v2_consumer_instances';
    const before = await scrape();

    const read = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&format=string`,
    });
    expect(read.statusCode).toBe(200);
    const group = uniqueName('metrics-group');
    const created = await app.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      payload: { name: 'c1' },
    });
    expect(created.statusCode).toBe(200);
    const during = await scrape();
    expect(sample(during, consumed) - sample(before, consumed)).toBe(3);
    expect(sample(during, instances) - sample(before, instances)).toBe(1);

    await app.inject({ method: 'DELETE', url: `/consumers/${group}/instances/c1` });
    expect(sample(await scrape(), instances)).toBe(sample(before, instances));
    await disconnectFixtures();
  });

  it('counts produced records and bytes per topic and produce errors by error code', async () => {
    const { topic, clusterId } = await new TestContext(app).newTopic();
    const produced = `gateway_produced_records_total{topic="${topic}"}`;
    const bytes = `gateway_produced_bytes_total{topic="${topic}"}`;
    const partitionErrors = 'gateway_produce_errors_total{error_code="40402"}';
    const latencies = 'gateway_produce_record_latency_seconds_count';
    const before = await scrape();
    const url = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    for (const value of ['one', 'two']) {
      const res = await app.inject({
        method: 'POST',
        url,
        payload: { value: { type: 'STRING', data: value } },
      });
      expect(res.json<{ error_code: number }>().error_code).toBe(200);
    }
    const refused = await app.inject({
      method: 'POST',
      url,
      payload: { partition_id: -1, value: { type: 'STRING', data: 'x' } },
    });
    expect(refused.json<{ error_code: number }>().error_code).toBe(40402);
    const after = await scrape();
    expect(sample(after, produced) - sample(before, produced)).toBe(2);
    // Key + value bytes: 'one' and 'two', no keys.
    expect(sample(after, bytes)).toBe(6);
    expect(sample(after, partitionErrors) - sample(before, partitionErrors)).toBe(1);
    // One latency per acknowledged record; the refused one has none.
    expect(sample(after, latencies) - sample(before, latencies)).toBe(2);
    const waited = 'gateway_produce_record_latency_seconds_sum';
    expect(sample(after, waited)).toBeGreaterThan(sample(before, waited));
    const produceRequests =
      'gateway_kafka_request_duration_seconds_count{client="protocol",api="Produce"}';
    expect(sample(after, produceRequests)).toBeGreaterThan(sample(before, produceRequests));
  });

  it('times each record of a v2 produce from its request to its acknowledgement', async () => {
    const { topic } = await new TestContext(app).newTopic();
    const latencies = 'gateway_produce_record_latency_seconds_count';
    const before = sample(await scrape(), latencies);
    const res = await app.inject({
      method: 'POST',
      url: `/topics/${topic}`,
      headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
      payload: { records: [{ value: 1 }, { value: 2 }, { value: 3 }] },
    });
    expect(res.statusCode).toBe(200);
    expect(sample(await scrape(), latencies) - before).toBe(3);
  });

  it('counts HTTP connections open now and accepted since start', async () => {
    const gw = await listenTestApp();
    const agent = new Agent({ keepAlive: true });
    try {
      const text = async (): Promise<string> =>
        (await gw.app.inject({ method: 'GET', url: '/metrics' })).body;
      const active = async (): Promise<number> =>
        sample(await text(), 'gateway_http_connections_active');
      const opened = async (): Promise<number> =>
        sample(await text(), 'gateway_http_connections_opened_total');
      expect(await active()).toBe(0);
      // Two requests at once on a keep-alive agent: two connections, both kept open.
      await Promise.all([get(gw.port, agent), get(gw.port, agent)]);
      expect(await active()).toBe(2);
      expect(await opened()).toBe(2);
      await get(gw.port, agent);
      expect(await opened()).toBe(2);
      agent.destroy();
      await expect.poll(active).toBe(0);
      expect(await opened()).toBe(2);
    } finally {
      agent.destroy();
      await gw.app.close();
    }
  });

  it('counts open streaming produce connections', async () => {
    const gw = await listenTestApp();
    try {
      const { topic, clusterId } = await new TestContext(gw.app).newTopic();
      const gauge = 'gateway_streaming_connections{kind="produce"}';
      const streams = async (): Promise<number> =>
        sample((await gw.app.inject({ method: 'GET', url: '/metrics' })).body, gauge);
      const client = new StreamingClient(
        gw.baseUrl,
        `/v3/clusters/${clusterId}/topics/${topic}/records`,
      );
      client.write(JSON.stringify({ value: { type: 'STRING', data: 'open' } }));
      await client.waitForReceipts(1);
      expect(await streams()).toBe(1);
      client.end();
      await client.finished();
      await expect.poll(streams).toBe(0);
    } finally {
      await gw.app.close();
    }
  });

  it('counts a consume stream the client closed, which never finishes on the server', async () => {
    const gw = await listenTestApp();
    try {
      const { topic, clusterId } = await new TestContext(gw.app).newTopic();
      const series = (text: string): number =>
        text
          .split('\n')
          // The template as written, `records:stream` (find-my-way registers `records::stream`).
          .filter(
            (l) => l.startsWith('gateway_http_requests_total{') && l.includes('/records:stream"'),
          )
          .reduce((sum, l) => sum + Number(l.split(' ')[1]), 0);
      const scrape = async (): Promise<number> =>
        series((await gw.app.inject({ method: 'GET', url: '/metrics' })).body);
      const before = await scrape();
      const abort = new AbortController();
      const res = await fetch(
        `${gw.baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=earliest`,
        { headers: { accept: 'text/event-stream' }, signal: abort.signal },
      );
      expect(res.status).toBe(200);
      await res.body!.getReader().read();
      abort.abort();
      await expect.poll(scrape).toBe(before + 1);
    } finally {
      await gw.app.close();
    }
  });

  it('does not count an error answer of Kafka (an unknown topic) as a failed Kafka request', async () => {
    const clusterId = await new TestContext(app).clusterId();
    const failures = (text: string): number =>
      sample(text, 'gateway_kafka_request_errors_total{client="protocol",reason="error"}');
    const before = failures(await scrape());
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${uniqueName('missing')}`,
      });
      expect(res.statusCode).toBe(404);
    }
    expect(failures(await scrape())).toBe(before);
  });
});
