import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenTestApp, ListeningApp } from '../support/listening-app';
import { TestContext } from '../support/test-context';
import { uniqueName } from '../support/unique-names';

interface HttpAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** A real HTTP request (fetch cannot send a GET body). */
function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : { 'content-type': headers['content-type'] ?? 'application/vnd.kafka.v2+json' }),
          ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** What kafka-rest's own integration tests check of v2 over real HTTP. */
describe('v2 over real HTTP: media types, trailing slashes, GET bodies', () => {
  let gw: ListeningApp;
  let ctx: TestContext;

  beforeAll(async () => {
    gw = await listenTestApp();
    ctx = new TestContext(gw.app);
  });
  afterAll(async () => {
    await gw.app.close();
  });

  async function consumerWithOneRecord(): Promise<{ topic: string; base: string }> {
    const { topic } = await ctx.newTopic({ prefix: 'v2http' });
    const produced = await send(
      gw.baseUrl,
      'POST',
      `/topics/${topic}`,
      { 'content-type': 'application/vnd.kafka.binary.v2+json' },
      { records: [{ value: 'dmFsdWU=' }] },
    );
    expect(produced.status, produced.body).toBe(200);
    expect(produced.contentType).toBe('application/vnd.kafka.v2+json');
    const group = uniqueName('v2http');
    const created = await send(
      gw.baseUrl,
      'POST',
      `/consumers/${group}/`,
      {},
      { format: 'binary', 'auto.offset.reset': 'earliest' },
    );
    expect(created.status, created.body).toBe(200);
    expect(created.contentType).toBe('application/vnd.kafka.v2+json');
    const { instance_id: instance } = JSON.parse(created.body) as { instance_id: string };
    const base = `/consumers/${group}/instances/${instance}`;
    const assigned = await send(
      gw.baseUrl,
      'POST',
      `${base}/assignments/`,
      {},
      {
        partitions: [{ topic, partition: 0 }],
      },
    );
    expect(assigned.status, assigned.body).toBe(204);
    return { topic, base };
  }

  it('answers v2 media types without a charset, and accepts trailing slashes as Jersey does', async () => {
    const { topic, base } = await consumerWithOneRecord();
    let records: HttpAnswer;
    do {
      records = await send(gw.baseUrl, 'GET', `${base}/records`, {
        accept: 'application/vnd.kafka.binary.v2+json',
      });
      expect(records.status, records.body).toBe(200);
    } while ((JSON.parse(records.body) as unknown[]).length === 0);
    expect(records.contentType).toBe('application/vnd.kafka.binary.v2+json');
    // AbstractConsumerTest.commitOffsets posts to `offsets/`.
    const commit = await send(gw.baseUrl, 'POST', `${base}/offsets/`);
    expect(commit.status, commit.body).toBe(200);
    expect(commit.body).toBe('[]');
    expect(commit.contentType).toBe('application/vnd.kafka.v2+json');
    const subscription = await send(gw.baseUrl, 'GET', `${base}/subscription/`);
    expect(subscription.status).toBe(200);
    expect(subscription.contentType).toBe('application/vnd.kafka.v2+json');
    const topics = await send(gw.baseUrl, 'GET', '/topics/');
    expect(JSON.parse(topics.body)).toContain(topic);
    expect(topics.contentType).toBe('application/vnd.kafka.v2+json');
    expect((await send(gw.baseUrl, 'DELETE', `${base}/`)).status).toBe(204);
  });

  it('reads the JSON body of GET offsets over a real connection', async () => {
    const { topic, base } = await consumerWithOneRecord();
    const commit = await send(
      gw.baseUrl,
      'POST',
      `${base}/offsets`,
      {},
      {
        offsets: [{ topic, partition: 0, offset: 0, metadata: 'm' }],
      },
    );
    expect(commit.status, commit.body).toBe(200);
    const committed = await send(
      gw.baseUrl,
      'GET',
      `${base}/offsets`,
      {},
      {
        partitions: [{ topic, partition: 0 }],
      },
    );
    expect(committed.status, committed.body).toBe(200);
    expect(committed.contentType).toBe('application/vnd.kafka.v2+json');
    expect(JSON.parse(committed.body)).toEqual({
      offsets: [{ topic, partition: 0, offset: 1, metadata: 'm' }],
    });
    // kafka-rest's ConsumersResource: no body at all is Partition not found.
    const empty = await send(gw.baseUrl, 'GET', `${base}/offsets`);
    expect(empty.status).toBe(404);
    expect(JSON.parse(empty.body)).toEqual({ error_code: 40402, message: 'Partition not found.' });
    const tooLarge = await send(
      gw.baseUrl,
      'GET',
      `${base}/offsets`,
      {},
      {
        partitions: Array.from({ length: 40_000 }, (_, partition) => ({ topic, partition })),
      },
    );
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toEqual({
      error_code: 413,
      message: 'Request body is too large.',
    });
    expect((await send(gw.baseUrl, 'DELETE', base)).status).toBe(204);
  });

  it('reads v2 bodies with a charset, without a Content-Type or as octet-stream as JSON, as Jersey', async () => {
    const { topic } = await ctx.newTopic({ prefix: 'v2http' });
    const body = { records: [{ value: 'dmFsdWU=' }] };
    for (const type of [
      'application/vnd.kafka.binary.v2+json; charset=utf-8',
      'application/vnd.kafka.json.v2+json; charset=UTF-8',
      'application/octet-stream',
    ]) {
      const records = type.includes('.json.') ? { records: [{ value: { a: 1 } }] } : body;
      const res = await send(
        gw.baseUrl,
        'POST',
        `/topics/${topic}`,
        { 'content-type': type },
        records,
      );
      expect(res.status, `${type}: ${res.body}`).toBe(200);
    }
    const untyped = await new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = httpRequest(
        `${gw.baseUrl}/topics/${topic}`,
        { method: 'POST', headers: { 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    expect(untyped).toBe(200);
    const group = uniqueName('v2http');
    const created = await send(
      gw.baseUrl,
      'POST',
      `/consumers/${group}`,
      { 'content-type': 'application/vnd.kafka.v2+json; charset=utf-8' },
      { name: 'c' },
    );
    expect(created.status, created.body).toBe(200);
    expect((await send(gw.baseUrl, 'DELETE', `/consumers/${group}/instances/c`)).status).toBe(204);
    const text = await send(
      gw.baseUrl,
      'POST',
      `/topics/${topic}`,
      { 'content-type': 'text/plain' },
      body,
    );
    expect([text.status, JSON.parse(text.body)]).toEqual([
      415,
      { error_code: 415, message: 'HTTP 415 Unsupported Media Type' },
    ]);
    // v2/RootResourceTest.testInvalidEntityContentType: the root resource is v2 too.
    const root = await send(
      gw.baseUrl,
      'POST',
      '/',
      {
        'content-type': 'text/plain',
        accept: 'application/vnd.kafka.v2+json, application/octet-stream',
      },
      {},
    );
    expect([root.status, root.contentType]).toEqual([415, 'application/vnd.kafka.v2+json']);
    // v2/RootResourceTest.testInvalidAcceptMediatype: 406 with no body and no type.
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', `/topics/${topic}`],
      ['POST', `/topics/${topic}`],
    ]) {
      const refused = await send(
        gw.baseUrl,
        method,
        path,
        { accept: 'text/plain' },
        method === 'POST' ? { records: [{ value: 'eA==' }] } : undefined,
      );
      expect([method, path, refused.status, refused.contentType, refused.body]).toEqual([
        method,
        path,
        406,
        undefined,
        '',
      ]);
    }
    const kafkaJson = await send(gw.baseUrl, 'GET', '/', { accept: 'application/vnd.kafka+json' });
    expect(kafkaJson.status).toBe(200);
    // Jersey converts an Integer path parameter with Integer.valueOf: "+0" is partition 0.
    const plus = await send(
      gw.baseUrl,
      'GET',
      `/v3/clusters/${await ctx.clusterId()}/topics/${topic}/partitions/+0`,
    );
    expect([plus.status, (JSON.parse(plus.body) as { partition_id: number }).partition_id]).toEqual(
      [200, 0],
    );
    // v3 consumes application/json only: octet-stream stays 415 there.
    const v3 = await send(
      gw.baseUrl,
      'POST',
      `/v3/clusters/${await ctx.clusterId()}/topics`,
      { 'content-type': 'application/octet-stream' },
      { topic_name: uniqueName('v2http') },
    );
    expect(v3.status).toBe(415);
    // ... and so are the v2 media types, on admin and produce routes alike.
    for (const path of ['topics', `topics/${topic}/records`]) {
      const v2Typed = await send(
        gw.baseUrl,
        'POST',
        `/v3/clusters/${await ctx.clusterId()}/${path}`,
        { 'content-type': 'application/vnd.kafka.json.v2+json' },
        { topic_name: uniqueName('v2http'), value: { type: 'STRING', data: 'x' } },
      );
      expect([path, v2Typed.status]).toEqual([path, 415]);
    }
  });

  it('refuses a v2 consumer Accept it cannot answer before it makes the consumer', async () => {
    // ConsumersResource produces the v2 and embedded types: any other Accept is refused
    // before a consumer is made, and one of those types is enough.
    const group = uniqueName('accept-group');
    const create = (name: string, accept: string) =>
      send(gw.baseUrl, 'POST', `/consumers/${group}`, { accept }, { name });
    const refusedCreate = await create('refused', 'text/plain');
    expect([refusedCreate.status, refusedCreate.contentType, refusedCreate.body]).toEqual([
      406,
      undefined,
      '',
    ]);
    const notMade = await send(
      gw.baseUrl,
      'GET',
      `/consumers/${group}/instances/refused/subscription`,
    );
    expect(notMade.status).toBe(404);
    const made = await create('taken', 'application/vnd.kafka.protobuf.v2+json');
    expect([made.status, made.contentType]).toEqual([200, 'application/vnd.kafka.v2+json']);
    await send(gw.baseUrl, 'DELETE', `/consumers/${group}/instances/taken`);
  });

  it('answers v2 errors in the v2 media type the route negotiated', async () => {
    const group = uniqueName('v2http');
    const missing = `/consumers/${group}/instances/none`;
    // ConsumerBinaryTest: consuming from an unknown instance with no Accept.
    const records = await send(gw.baseUrl, 'GET', `${missing}/records`);
    expect(records.status).toBe(404);
    expect(records.contentType).toBe('application/vnd.kafka.binary.v2+json');
    expect(JSON.parse(records.body)).toEqual({
      error_code: 40403,
      message: 'Consumer instance not found.',
    });
    const created = await send(gw.baseUrl, 'POST', `/consumers/${group}`, {}, { name: 'a' });
    expect(created.status).toBe(200);
    // AbstractConsumerTest: a duplicate instance is a 409 in application/vnd.kafka.v2+json.
    const duplicate = await send(gw.baseUrl, 'POST', `/consumers/${group}`, {}, { name: 'a' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.contentType).toBe('application/vnd.kafka.v2+json');
    const badConfig = await send(
      gw.baseUrl,
      'POST',
      `/consumers/${group}`,
      {},
      {
        'auto.offset.reset': 'bad-config',
      },
    );
    expect(badConfig.status).toBe(422);
    expect(badConfig.contentType).toBe('application/vnd.kafka.v2+json');
    // A client that asks for plain JSON gets it; v3 errors stay application/json.
    const json = await send(gw.baseUrl, 'GET', `${missing}/subscription`, {
      accept: 'application/json',
    });
    expect(json.status).toBe(404);
    expect(json.contentType).toMatch(/^application\/json/);
    const v3 = await send(gw.baseUrl, 'GET', '/v3/clusters/none');
    expect(v3.status).toBe(404);
    expect(v3.contentType).toMatch(/^application\/json/);
    expect((await send(gw.baseUrl, 'DELETE', `/consumers/${group}/instances/a`)).status).toBe(204);
  });
});
