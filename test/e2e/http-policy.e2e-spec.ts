import { request, type IncomingHttpHeaders } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { expectToMatchConsumeSpec } from '../support/consume-openapi';
import { createTestApp } from '../support/create-app';
import { expectToMatchExtensionSpec } from '../support/extension-openapi';
import { listenTestApp } from '../support/listening-app';
import { uniqueName } from '../support/unique-names';

const NOT_FOUND = { error_code: 404, message: 'HTTP 404 Not Found' };
const NOT_ALLOWED = { error_code: 405, message: 'HTTP 405 Method Not Allowed' };
const NOT_ACCEPTABLE = { error_code: 406, message: 'HTTP 406 Not Acceptable' };

describe('endpoint allowlist, blocklist and API switches', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers a blocked GET with 404 and a blocked POST with 405, leaving the rest', async () => {
    app = await createTestApp({
      KAFKA_REST_API_ENDPOINTS_BLOCKLIST: 'api.v3.topics.*,api.v3.brokers.get',
    });
    const id = await clusterId(app);
    const list = await app.inject({ method: 'GET', url: `/v3/clusters/${id}/topics` });
    expect([list.statusCode, list.json()]).toEqual([404, NOT_FOUND]);
    const create = await app.inject({
      method: 'POST',
      url: `/kafka/v3/clusters/${id}/topics`,
      payload: { topic_name: 'never-created' },
    });
    expect([create.statusCode, create.json()]).toEqual([405, NOT_ALLOWED]);
    // Jersey serves HEAD with the GET resource, and its accesslist filter lets only GET be 404.
    const head = await app.inject({ method: 'HEAD', url: `/v3/clusters/${id}/topics` });
    expect(head.statusCode).toBe(405);
    const broker = await app.inject({ method: 'GET', url: `/v3/clusters/${id}/brokers/1` });
    expect(broker.statusCode).toBe(404);
    const brokers = await app.inject({ method: 'GET', url: `/v3/clusters/${id}/brokers` });
    expect(brokers.statusCode).toBe(200);
    // kafka-rest blocks in a filter Jersey runs once the method matched: a bad Accept or an
    // unparsable Content-Type is answered first.
    const accept = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${id}/topics`,
      headers: { accept: 'text/plain' },
    });
    expect(accept.statusCode).toBe(406);
    const contentType = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${id}/topics`,
      headers: { 'content-type': 'garbage' },
      payload: '{}',
    });
    expect(contentType.statusCode).toBe(400);
  });

  // kafka-rest compares entries with its @ResourceName annotations exactly: `api.v3.*` is no
  // class, and the partition offsets action is a class of its own.
  it('matches class entries exactly, as kafka-rest does', async () => {
    app = await createTestApp({
      KAFKA_REST_API_ENDPOINTS_BLOCKLIST: 'api.v3.*,api.v3.partitions.*',
    });
    const id = await clusterId(app);
    const topic = uniqueName('classes');
    const created = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${id}/topics`,
      payload: { topic_name: topic, partitions_count: 1 },
    });
    expect(created.statusCode).toBe(201);
    const get = async (path: string) =>
      (await app!.inject({ method: 'GET', url: `/v3/clusters/${id}${path}` })).statusCode;
    expect(await get('')).toBe(200);
    expect(await get(`/topics/${topic}/partitions`)).toBe(404);
    expect(await get(`/topics/${topic}/partitions/0/offset`)).toBe(200);
    await app.close();

    app = await createTestApp({ KAFKA_REST_API_ENDPOINTS_BLOCKLIST: 'api.v3.partition-offsets.*' });
    expect(await get(`/topics/${topic}/partitions/0/offset`)).toBe(404);
    expect(await get(`/topics/${topic}/partitions`)).toBe(200);
  });

  it('serves only allowlisted endpoints when an allowlist is set, and the blocklist wins', async () => {
    app = await createTestApp({
      KAFKA_REST_API_ENDPOINTS_ALLOWLIST: 'api.v3.clusters.*,api.v3.brokers.list',
      KAFKA_REST_API_ENDPOINTS_BLOCKLIST: 'api.v3.brokers.list',
    });
    const id = await clusterId(app);
    expect((await app.inject({ method: 'GET', url: `/v3/clusters/${id}` })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: `/v3/clusters/${id}/brokers` })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v3/clusters/${id}/topics` })).statusCode).toBe(
      404,
    );
    // Operational endpoints are not part of the Confluent API and stay reachable.
    expect((await app.inject({ method: 'GET', url: '/healthy' })).statusCode).toBe(200);
  });

  it('names v2 endpoints as kafka-rest does, per embedded format', async () => {
    app = await createTestApp({
      KAFKA_REST_API_ENDPOINTS_BLOCKLIST:
        'api.v2.consumers.create,api.v2.produce-to-topic.json,api.v2.consumers.consume-binary',
    });
    const V2 = 'application/vnd.kafka.v2+json';
    const create = await app.inject({
      method: 'POST',
      url: '/consumers/blocked-group',
      headers: { 'content-type': V2 },
      payload: {},
    });
    expect(create.statusCode).toBe(405);
    const produce = (format: string) =>
      app!.inject({
        method: 'POST',
        url: '/topics/no-such-topic',
        headers: { 'content-type': `application/vnd.kafka.${format}.v2+json` },
        payload: { records: [{ value: 'dmFsdWU=' }] },
      });
    // json is blocked; binary is another endpoint (it answers, here for a missing topic).
    expect((await produce('json')).statusCode).toBe(405);
    expect((await produce('binary')).statusCode).toBe(200);
    const consume = (accept: string) =>
      app!.inject({ method: 'GET', url: '/consumers/g/instances/i/records', headers: { accept } });
    expect((await consume('application/vnd.kafka.binary.v2+json')).statusCode).toBe(404);
    expect((await consume('*/*')).json()).toEqual(NOT_FOUND);
    // consume-json is not blocked: the instance is simply unknown.
    expect((await consume('application/vnd.kafka.json.v2+json')).json()).toEqual({
      error_code: 40403,
      message: 'Consumer instance not found.',
    });
  });

  it('answers OPTIONS with 200 and Allow, and an unsupported method with 405, as Jersey', async () => {
    // accesslist/ResourceAllowlistAndBlocklistTest.optionsIsAlwaysAllowed
    app = await createTestApp({ KAFKA_REST_API_ENDPOINTS_BLOCKLIST: 'api.v3.topics.list' });
    const id = await clusterId(app);
    for (const url of ['/v3/clusters/', `/v3/clusters/${id}/topics`]) {
      const options = await app.inject({ method: 'OPTIONS', url });
      expect(options.statusCode, url).toBe(200);
    }
    const topics = await app.inject({ method: 'OPTIONS', url: `/v3/clusters/${id}/topics` });
    expect(topics.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    const wrong = await app.inject({ method: 'DELETE', url: `/v3/clusters/${id}` });
    expect([wrong.statusCode, wrong.json()]).toEqual([405, NOT_ALLOWED]);
    expect(wrong.headers.allow).toBe('GET, HEAD, OPTIONS');
    const unknown = await app.inject({ method: 'OPTIONS', url: '/v3/nothing-here' });
    expect([unknown.statusCode, unknown.json()]).toEqual([404, NOT_FOUND]);
  });

  it('answers 406 on v3 to an Accept that admits no JSON, as Jersey', async () => {
    app = await createTestApp();
    const id = await clusterId(app);
    for (const accept of ['application/xml', 'text/plain', 'application/json;q=0']) {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${id}`,
        headers: { accept },
      });
      expect([res.statusCode, res.json()], accept).toEqual([
        406,
        { error_code: 406, message: 'HTTP 406 Not Acceptable' },
      ]);
    }
    for (const accept of ['application/json', '*/*', 'text/html,application/xml;q=0.9,*/*;q=0.8']) {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${id}`,
        headers: { accept },
      });
      expect(res.statusCode, accept).toBe(200);
    }
  });

  it('answers 406 on our JSON extensions too (only record streams negotiate for themselves)', async () => {
    app = await createTestApp();
    const id = await clusterId(app);
    const headers = { accept: 'application/xml' };
    const read = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${id}/topics/any/partitions/0/records?offset=0`,
      headers,
    });
    expect([read.statusCode, read.json()]).toEqual([406, NOT_ACCEPTABLE]);
    await expectToMatchConsumeSpec(
      read,
      'GET',
      '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records',
    );
    const replicas = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${id}/topics/-/replicas`,
      headers,
    });
    expect([replicas.statusCode, replicas.json()]).toEqual([406, NOT_ACCEPTABLE]);
    await expectToMatchExtensionSpec(replicas, 'GET', '/clusters/{cluster_id}/topics/-/replicas');
  });

  it('turns the whole v3 API off with api.v3.enable=false', async () => {
    app = await createTestApp({ KAFKA_REST_API_V3_ENABLE: 'false' });
    const res = await app.inject({ method: 'GET', url: '/v3/clusters' });
    expect([res.statusCode, res.json()]).toEqual([404, NOT_FOUND]);
    expect((await app.inject({ method: 'GET', url: '/kafka/v3/clusters' })).statusCode).toBe(404);
    // kafka-rest registers no v3 resource at all: no OPTIONS answer, no 405 either.
    for (const method of ['OPTIONS', 'PUT'] as const) {
      const other = await app.inject({ method, url: '/v3/clusters' });
      expect([method, other.statusCode]).toEqual([method, 404]);
    }
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'OPTIONS', url: '/topics' })).statusCode).toBe(200);
  });
});

describe('CORS and response headers', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('adds no CORS headers by default, as Confluent', async () => {
    app = await createTestApp();
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: { origin: 'https://ui.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers preflight and simple requests for the allowed origin, as Jetty CrossOriginFilter', async () => {
    app = await createTestApp({
      KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN: 'https://ui.example,https://*.corp.example',
      KAFKA_REST_ACCESS_CONTROL_ALLOW_METHODS: 'GET,POST,DELETE',
    });
    const get = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: { origin: 'https://ui.example' },
    });
    expect(get.statusCode).toBe(200);
    expect(get.headers).toMatchObject({
      'access-control-allow-origin': 'https://ui.example',
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    expect(get.headers).not.toHaveProperty('access-control-expose-headers');
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v3/clusters',
      headers: {
        origin: 'https://admin.corp.example',
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'content-type',
      },
    });
    // Answered by the filter (preflights are not chained): 200 and no body.
    expect([preflight.statusCode, preflight.body]).toEqual([200, '']);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': 'https://admin.corp.example',
      'access-control-allow-methods': 'GET,POST,DELETE',
      'access-control-allow-headers': 'X-Requested-With,Content-Type,Accept,Origin',
      'access-control-max-age': '1800',
    });
    const refusedMethod = await app.inject({
      method: 'OPTIONS',
      url: '/v3/clusters',
      headers: { origin: 'https://ui.example', 'access-control-request-method': 'PUT' },
    });
    expect(refusedMethod.statusCode).toBe(200);
    expect(refusedMethod.headers).not.toHaveProperty('access-control-allow-origin');
    // An OPTIONS that is no preflight reaches the resource: Jersey's 200 with Allow.
    const options = await app.inject({
      method: 'OPTIONS',
      url: '/v3/clusters',
      headers: { origin: 'https://ui.example' },
    });
    expect(options.statusCode).toBe(200);
    expect(options.headers).toMatchObject({
      allow: 'GET, HEAD, OPTIONS',
      'access-control-allow-origin': 'https://ui.example',
    });
    const other = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes any origin for access.control.allow.origin=*, so credentials work', async () => {
    app = await createTestApp({
      KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN: '*',
      KAFKA_REST_ACCESS_CONTROL_ALLOW_HEADERS: '*',
    });
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v3/clusters',
      headers: {
        origin: 'https://anyone.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'Authorization, X-Custom',
      },
    });
    expect(preflight.headers['access-control-allow-headers']).toBe('Authorization,X-Custom');
    const get = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: { origin: 'https://anyone.example' },
    });
    expect(get.headers).toMatchObject({
      'access-control-allow-origin': 'https://anyone.example',
      'access-control-allow-credentials': 'true',
    });
    expect(get.headers).not.toHaveProperty('vary');
  });

  it('sets and adds headers from response.http.headers.config', async () => {
    app = await createTestApp({
      // Jetty's format: quotes keep a comma inside an entry; setDate is ms from now.
      KAFKA_REST_RESPONSE_HTTP_HEADERS_CONFIG:
        'set X-Frame-Options: DENY, "add Cache-Control: no-store, no-cache", setDate Expires: 60000',
    });
    const before = Date.now();
    const res = await app.inject({ method: 'GET', url: '/v3/clusters' });
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store, no-cache');
    const expires = Date.parse(String(res.headers.expires));
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 61_000);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    // Applied before the handler, as Jetty's HeaderFilter: one that sets the header replaces it.
    expect(metrics.headers['cache-control']).toBe('no-store');
    // A URL Fastify cannot decode is answered before any route or hook: still with the headers.
    const badUrl = await app.inject({
      method: 'GET',
      url: '/v3/clusters/%E0%A4%A',
      headers: { 'x-request-id': 'trace-2' },
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-request-id': 'trace-2' });
  });

  it('keeps CORS, X-Request-Id and configured headers on produce receipts and consume streams', async () => {
    const listening = await listenTestApp({
      KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN: 'https://ui.example',
      KAFKA_REST_ACCESS_CONTROL_EXPOSE_HEADERS: 'X-Request-Id',
      KAFKA_REST_RESPONSE_HTTP_HEADERS_CONFIG: 'add X-XSS-Protection: 1; mode=block',
    });
    app = listening.app;
    const id = await clusterId(app);
    const topic = uniqueName('hijacked-headers');
    await app.inject({
      method: 'POST',
      url: `/v3/clusters/${id}/topics`,
      payload: { topic_name: topic, partitions_count: 1 },
    });
    const expected = {
      'access-control-allow-origin': 'https://ui.example',
      'access-control-expose-headers': 'X-Request-Id',
      'x-xss-protection': '1; mode=block',
      'x-request-id': 'trace-1',
    };
    const headers = { origin: 'https://ui.example', 'x-request-id': 'trace-1' };
    const records = `/v3/clusters/${id}/topics/${topic}/records`;
    const single = await app.inject({
      method: 'POST',
      url: records,
      headers,
      payload: { value: { type: 'STRING', data: 'one' } },
    });
    expect(single.statusCode).toBe(200);
    expect(single.headers).toMatchObject(expected);
    const stream = await app.inject({
      method: 'POST',
      url: records,
      headers: { ...headers, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      payload: '{"value":{"type":"STRING","data":"two"}}{"value":{"type":"STRING","data":"three"}}',
    });
    expect([stream.statusCode, stream.body.split('\r\n').length]).toEqual([200, 3]);
    expect(stream.headers).toMatchObject(expected);
    const sse = await responseHeaders(`${listening.baseUrl}${records}:stream?from=earliest`, {
      ...headers,
      accept: 'text/event-stream',
    });
    expect(sse).toMatchObject({ ...expected, 'content-type': 'text/event-stream; charset=utf-8' });
  });
});

async function clusterId(gateway: NestFastifyApplication): Promise<string> {
  const res = await gateway.inject({ method: 'GET', url: '/v3/clusters' });
  return res.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
}

/** The status line's headers of a response that may never end (the request is then dropped). */
function responseHeaders(
  url: string,
  headers: Record<string, string>,
): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      resolve(res.headers);
      req.destroy();
    });
    req.on('error', reject);
    req.end();
  });
}
