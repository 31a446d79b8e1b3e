import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToMatchConsumeSpec } from '../../support/consume-openapi';
import { createTestApp } from '../../support/create-app';
import {
  committedTotal,
  createFixtureTopic,
  disconnectFixtures,
  produceMany,
  produceRecords,
} from '../../support/produce-records';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const PATH = '/clusters/{cluster_id}/topics/{topic_name}/records:stream';

interface StreamEvent {
  id?: string;
  event?: string;
  data: string;
}

interface RecordEvent {
  partition_id: number;
  offset: number;
  value: { type: string; data: string } | null;
}

/** A live HTTP stream read as it arrives (SSE events, NDJSON lines or comments). */
class LiveStream {
  private buffer = '';
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  readonly lines: string[] = [];
  status = 0;
  contentType = '';
  private constructor(private readonly request: http.ClientRequest) {}

  private response?: http.IncomingMessage;

  static open(port: number, path: string, headers: Record<string, string>): Promise<LiveStream> {
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path, headers });
      const stream = new LiveStream(request);
      request.on('response', (res) => {
        stream.response = res;
        stream.status = res.statusCode ?? 0;
        stream.contentType = String(res.headers['content-type']);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => stream.push(chunk));
        resolve(stream);
      });
      request.on('error', reject);
    });
  }

  async waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `stream: condition not met; events=${this.events.length} lines=${this.lines.length}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.request.destroy();
  }

  /** Stops reading: the socket buffers fill up and the server has to wait. */
  pause(): void {
    this.response?.pause();
  }

  resume(): void {
    this.response?.resume();
  }

  records(): RecordEvent[] {
    return this.events
      .filter((e) => e.event === 'record')
      .map((e) => JSON.parse(e.data) as RecordEvent);
  }

  private push(chunk: string): void {
    this.buffer += chunk;
    if (this.contentType.startsWith('application/x-ndjson')) {
      const parts = this.buffer.split('\n');
      this.buffer = parts.pop()!;
      this.lines.push(...parts.filter((l) => l !== ''));
      return;
    }
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (block.startsWith(':')) {
        this.comments.push(block.slice(1).trim());
        continue;
      }
      const event: StreamEvent = { data: '' };
      for (const line of block.split('\n')) {
        const i = line.indexOf(': ');
        const [field, value] = [line.slice(0, i), line.slice(i + 2)];
        if (field === 'id' || field === 'event' || field === 'data') {
          event[field] = value;
        }
      }
      this.events.push(event);
    }
  }
}

describe('GET /v3/clusters/:cluster_id/topics/:topic_name/records:stream', () => {
  let app: NestFastifyApplication;
  let other: NestFastifyApplication;
  let port: number;
  let otherPort: number;
  let clusterId: string;
  const opened: LiveStream[] = [];

  beforeAll(async () => {
    [app, other] = await Promise.all([
      createTestApp({
        GATEWAY_STREAM_HEARTBEAT_MS: '300',
        GATEWAY_STREAM_PARTITIONS_CHECK_MS: '300',
      }),
      // Two records per poll: streams served by this replica take many small polls.
      createTestApp({
        GATEWAY_STREAM_POLL_MAX_RECORDS: '2',
        GATEWAY_STREAM_POLL_MAX_BYTES: '4096',
      }),
    ]);
    await Promise.all([app.listen(0, '127.0.0.1'), other.listen(0, '127.0.0.1')]);
    port = (app.getHttpServer().address() as AddressInfo).port;
    otherPort = (other.getHttpServer().address() as AddressInfo).port;
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    opened.forEach((s) => s.close());
    await Promise.all([app.close(), other.close()]);
    await disconnectFixtures();
  });

  const path = (topic: string, query: string): string =>
    `/v3/clusters/${clusterId}/topics/${topic}/records:stream?${query}`;

  async function open(
    p: string,
    headers: Record<string, string>,
    target = port,
  ): Promise<LiveStream> {
    const stream = await LiveStream.open(target, p, headers);
    opened.push(stream);
    return stream;
  }

  async function expectRecordData(data: string): Promise<void> {
    await expectToMatchConsumeSpec(
      { statusCode: 200, body: data, headers: {} },
      'GET',
      PATH,
      'application/x-ndjson',
    );
  }

  it('streams every partition from the earliest offset as SSE events whose id holds every position', async () => {
    const topic = await createFixtureTopic(uniqueName('sse'), 2);
    await produceRecords(topic, [
      { value: 'a', partition: 0 },
      { value: 'b', partition: 1 },
      { value: 'c', partition: 0 },
    ]);
    const stream = await open(path(topic, 'from=earliest&format=string'), {
      accept: 'text/event-stream',
    });
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    await stream.waitFor(() => stream.records().length >= 3);
    for (const event of stream.events) {
      await expectRecordData(event.data);
    }
    const byPartition = stream.records().map((r) => [r.partition_id, r.offset, r.value?.data]);
    expect(byPartition.filter(([p]) => p === 0)).toEqual([
      [0, 0, 'a'],
      [0, 1, 'c'],
    ]);
    expect(byPartition.filter(([p]) => p === 1)).toEqual([[1, 0, 'b']]);
    expect(stream.events.at(-1)!.id).toBe('0:2,1:1');
  });

  it('resumes after Last-Event-ID on another replica with no gap and no duplicate', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-resume'), 3);
    await produceRecords(
      topic,
      Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, partition: i % 3 })),
    );
    const first = await open(path(topic, 'from=earliest&format=string'), {
      accept: 'text/event-stream',
    });
    await first.waitFor(() => first.records().length >= 11);
    first.close();
    const delivered = first.events.slice(0, 11);
    const lastId = delivered.at(-1)!.id!;
    await produceRecords(
      topic,
      Array.from({ length: 9 }, (_, i) => ({ value: `v${30 + i}`, partition: i % 3 })),
    );
    // `from=latest` is ignored: the event id says where to resume.
    const second = await open(
      path(topic, 'from=latest&format=string'),
      { accept: 'text/event-stream', 'last-event-id': lastId },
      otherPort,
    );
    await second.waitFor(() => second.records().length >= 39 - 11);
    await new Promise((r) => setTimeout(r, 300));
    const values = [
      ...delivered.map((e) => JSON.parse(e.data) as RecordEvent),
      ...second.records(),
    ].map((r) => r.value!.data);
    expect(values.sort()).toEqual(Array.from({ length: 39 }, (_, i) => `v${i}`).sort());
  });

  it('streams NDJSON from per-partition offsets', async () => {
    const topic = await createFixtureTopic(uniqueName('ndjson'));
    await produceRecords(topic, [{ value: 'x0' }, { value: 'x1' }, { value: 'x2' }]);
    const stream = await open(path(topic, 'offsets=0:1&format=string'), {
      accept: 'application/x-ndjson',
    });
    expect(stream.contentType).toBe('application/x-ndjson; charset=utf-8');
    await stream.waitFor(() => stream.lines.length >= 2);
    for (const line of stream.lines) {
      await expectRecordData(line);
    }
    expect(stream.lines.map((l) => (JSON.parse(l) as RecordEvent).value!.data)).toEqual([
      'x1',
      'x2',
    ]);
  });

  it('starts at a timestamp and sends heartbeat comments while idle', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-ts'));
    await produceRecords(topic, [
      { value: 'old', timestamp: 1_000 },
      { value: 'new', timestamp: 5_000 },
    ]);
    const stream = await open(path(topic, 'timestamp=3000&format=string'), {
      accept: 'text/event-stream',
    });
    await stream.waitFor(
      () => stream.records().length >= 1 && stream.comments.includes('heartbeat'),
    );
    expect(stream.records().map((r) => r.value!.data)).toEqual(['new']);
  });

  it('with group_id, commits what was written so the next stream of the group continues after it', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-group'), 2);
    await produceRecords(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: `g${i}`, partition: i % 2 })),
    );
    const group = uniqueName('stream-group');
    const first = await open(path(topic, `group_id=${group}&from=earliest&format=string`), {
      accept: 'text/event-stream',
    });
    await first.waitFor(() => first.records().length >= 10);
    await new Promise((r) => setTimeout(r, 300));
    first.close();
    await new Promise((r) => setTimeout(r, 500));
    await produceRecords(
      topic,
      Array.from({ length: 4 }, (_, i) => ({ value: `g${10 + i}`, partition: i % 2 })),
    );
    const second = await open(path(topic, `group_id=${group}&from=earliest&format=string`), {
      accept: 'text/event-stream',
    });
    await second.waitFor(() => second.records().length >= 4);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      second
        .records()
        .map((r) => r.value!.data)
        .sort(),
    ).toEqual(['g10', 'g11', 'g12', 'g13']);
  });

  it('stops consuming for a client that does not read, and commits only what reached it', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-slow'));
    const big = 'x'.repeat(10_000);
    await produceMany(topic, 3_000, 1, (i) => `${i}:${big}`);
    const group = uniqueName('slow-group');
    const stream = await open(path(topic, `group_id=${group}&from=earliest&format=string`), {
      accept: 'text/event-stream',
    });
    stream.pause();
    await new Promise((r) => setTimeout(r, 3_000));
    // 30 MB are waiting in Kafka; only what fits in the socket buffers has been written.
    const whilePaused = await committedTotal(group, topic);
    expect(whilePaused).toBeLessThan(1_500);
    stream.resume();
    await stream.waitFor(() => stream.records().length >= 3_000, 30_000);
    expect(stream.records().map((r) => r.offset)).toEqual(
      Array.from({ length: 3_000 }, (_, i) => i),
    );
  });

  it('closes a stream whose client takes nothing for idle.timeout.ms, as Jetty cuts a blocked write', async () => {
    const stalling = await createTestApp({ KAFKA_REST_IDLE_TIMEOUT_MS: '1500' });
    try {
      await stalling.listen(0, '127.0.0.1');
      const stallingPort = (stalling.getHttpServer().address() as AddressInfo).port;
      const topic = await createFixtureTopic(uniqueName('sse-stalled'));
      const big = 'x'.repeat(10_000);
      await produceMany(topic, 3_000, 1, (i) => `${i}:${big}`);
      const stream = await open(
        path(topic, 'from=earliest&format=string'),
        { accept: 'text/event-stream' },
        stallingPort,
      );
      stream.pause();
      // The client does not see the close while it reads nothing (the FIN waits behind the data
      // queued for it): the gateway's gauge tells.
      const openStreams = async (): Promise<number> => {
        const metrics = await stalling.inject({ method: 'GET', url: '/metrics' });
        const line = metrics.body
          .split('\n')
          .find((l) => l.startsWith('gateway_streaming_connections{kind="sse"}'));
        return Number(line?.split(' ')[1] ?? 0);
      };
      expect(await openStreams()).toBe(1);
      await expect.poll(openStreams, { timeout: 15_000, interval: 200 }).toBe(0);
    } finally {
      await stalling.close();
    }
  });

  it('restarts a partition at its earliest record when Kafka no longer holds the resume position', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-deleted'));
    await produceRecords(
      topic,
      Array.from({ length: 20 }, (_, i) => ({ value: `v${i}` })),
    );
    const deleted = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:delete`,
      payload: { partitions: [{ partition_id: 0, before_offset: 10 }] },
    });
    expect(deleted.statusCode).toBe(200);
    // `from` defaults to latest: it must not decide where a lost position goes.
    const stream = await open(path(topic, 'format=string'), {
      accept: 'text/event-stream',
      'last-event-id': '0:5',
    });
    await stream.waitFor(() => stream.records().length >= 10);
    expect(stream.records().map((r) => r.offset)).toEqual(
      Array.from({ length: 10 }, (_, i) => 10 + i),
    );
  });

  it('streams partitions added to the topic while it runs, from their first record', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-grown'));
    await produceRecords(topic, [{ value: 'p0' }]);
    const stream = await open(path(topic, 'from=earliest&format=string'), {
      accept: 'text/event-stream',
    });
    await stream.waitFor(() => stream.records().length >= 1);
    const grown = await app.inject({
      method: 'PATCH',
      url: `/v3/clusters/${clusterId}/topics/${topic}`,
      payload: { partitions_count: 2 },
    });
    expect(grown.statusCode).toBe(200);
    // Through the gateway: its producer looks up a partition it does not know yet at once.
    const produced = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      payload: { partition_id: 1, value: { type: 'STRING', data: 'p1' } },
    });
    expect(produced.json()).toMatchObject({ error_code: 200, partition_id: 1, offset: 0 });
    await stream.waitFor(() => stream.records().length >= 2);
    expect(stream.records().map((r) => [r.partition_id, r.offset, r.value!.data])).toEqual([
      [0, 0, 'p0'],
      [1, 0, 'p1'],
    ]);
    expect(stream.events.at(-1)!.id).toBe('0:1,1:1');
  });

  it('sends the NDJSON status and headers at once, before any record', async () => {
    const topic = await createFixtureTopic(uniqueName('ndjson-idle'));
    const stream = await Promise.race([
      open(path(topic, 'from=latest'), { accept: 'application/x-ndjson' }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no response headers within 5 s')), 5_000),
      ),
    ]);
    expect([stream.status, stream.contentType]).toEqual([
      200,
      'application/x-ndjson; charset=utf-8',
    ]);
  });

  it('negotiates Accept with its q-values', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-accept'));
    for (const [accept, type] of [
      ['application/x-ndjson;q=1, text/event-stream;q=0.1', 'application/x-ndjson'],
      ['application/*', 'application/x-ndjson'],
      ['text/*, application/x-ndjson', 'text/event-stream'],
      ['*/*', 'text/event-stream'],
    ]) {
      const stream = await open(path(topic, 'from=latest'), { accept });
      expect(stream.contentType, accept).toBe(`${type}; charset=utf-8`);
      stream.close();
    }
    const refused = await app.inject({
      method: 'GET',
      url: path(topic, 'from=latest'),
      headers: { accept: 'text/event-stream;q=0' },
    });
    await expectToMatchConsumeSpec(refused, 'GET', PATH);
    expect(refused.json()).toEqual({ error_code: 406, message: 'HTTP 406 Not Acceptable' });
  });

  it('refuses offsets and timestamp with group_id, which starts from the commits', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-group-400'));
    for (const query of ['offsets=0:1', 'timestamp=1000']) {
      const res = await app.inject({
        method: 'GET',
        url: path(topic, `group_id=${uniqueName('g')}&${query}`),
        headers: { accept: 'text/event-stream' },
      });
      await expectToMatchConsumeSpec(res, 'GET', PATH);
      expect([res.statusCode, res.json<{ error_code: number }>().error_code], query).toEqual([
        400, 400,
      ]);
    }
  });

  it('returns 406 when Accept asks for neither stream type', async () => {
    const res = await app.inject({
      method: 'GET',
      url: path(await createFixtureTopic(uniqueName('sse-406')), 'from=earliest'),
      headers: { accept: 'application/json' },
    });
    await expectToMatchConsumeSpec(res, 'GET', PATH);
    expect(res.json()).toEqual({ error_code: 406, message: 'HTTP 406 Not Acceptable' });
  });

  it('returns 400 for an unreadable Last-Event-ID and 404 40403 for an unknown topic', async () => {
    const topic = await createFixtureTopic(uniqueName('sse-400'));
    const bad = await app.inject({
      method: 'GET',
      url: path(topic, ''),
      headers: { accept: 'text/event-stream', 'last-event-id': 'garbage' },
    });
    await expectToMatchConsumeSpec(bad, 'GET', PATH);
    expect(bad.json()).toEqual({ error_code: 400, message: 'Invalid Last-Event-ID: garbage' });
    // Numbers no Kafka request can carry are refused before the stream starts.
    const huge = `0:${'9'.repeat(30)}`;
    const beyond = await app.inject({
      method: 'GET',
      url: path(topic, `offsets=${huge}`),
      headers: { accept: 'application/x-ndjson' },
    });
    await expectToMatchConsumeSpec(beyond, 'GET', PATH);
    expect(beyond.json()).toEqual({
      error_code: 400,
      message: `Invalid value for 'offsets': ${huge}. Expected partition:offset pairs separated by commas.`,
    });
    const missing = await app.inject({
      method: 'GET',
      url: path(uniqueName('missing'), ''),
      headers: { accept: 'text/event-stream' },
    });
    await expectToMatchConsumeSpec(missing, 'GET', PATH);
    expect(missing.json()).toEqual({
      error_code: 40403,
      message: 'This server does not host this topic-partition.',
    });
  });
});
