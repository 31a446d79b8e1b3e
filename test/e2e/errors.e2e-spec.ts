import { Agent, request } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { createTestApp } from '../support/create-app';
import { listenTestApp } from '../support/listening-app';
import { expectToMatchSpec } from '../support/openapi';
import { TestContext } from '../support/test-context';
import { uniqueName } from '../support/unique-names';

const TOPICS = '/clusters/{cluster_id}/topics';

describe('errors in the Confluent format', () => {
  let app: NestFastifyApplication;
  let clusterId: string;

  beforeAll(async () => {
    app = await createTestApp({ GATEWAY_BODY_LIMIT_BYTES: '1024' });
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: { 'content-type': 'application/json' },
      payload: '{"topic_name": ',
    });
    await expectToMatchSpec(res, 'POST', TOPICS);
    expect(res.json()).toEqual({
      error_code: 400,
      message: expect.stringContaining('Error processing JSON') as unknown,
    });
  });

  // Jetty keeps the connection after a body it read whole and Jersey refused.
  it('keeps the connection open after a malformed or unsupported body', async () => {
    const { app: listening, port } = await listenTestApp();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, type?: string, body?: string) =>
      new Promise<{ status: number; connection?: string; reused: boolean }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers: type === undefined ? {} : { 'content-type': type },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                connection: res.headers.connection,
                reused: req.reusedSocket,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const topics = `/v3/clusters/${clusterId}/topics`;
      const malformed = await send('POST', topics, 'application/json', '{bad');
      expect([malformed.status, malformed.connection]).toEqual([400, 'keep-alive']);
      const unsupported = await send('POST', topics, 'text/plain', 'x');
      expect([unsupported.status, unsupported.connection, unsupported.reused]).toEqual([
        415,
        'keep-alive',
        true,
      ]);
      const next = await send('GET', `/v3/clusters/${clusterId}`);
      expect([next.status, next.reused]).toEqual([200, true]);
    } finally {
      agent.destroy();
      await listening.close();
    }
  });

  // Jackson reads the first JSON value of a body and ignores the rest (kafka-rest's
  // AclsResourceIntegrationTest.testBatchAclCreateRequestWithBodyAndNoContent sends `{}}`).
  it('reads the first JSON value of a body and ignores what follows it', async () => {
    const topic = uniqueName('t');
    const created = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: { 'content-type': 'application/json' },
      payload: `{"topic_name":"${topic}","partitions_count":1}} trailing`,
    });
    await expectToMatchSpec(created, 'POST', TOPICS);
    expect(created.statusCode).toBe(201);
    expect(created.json<{ topic_name: string }>().topic_name).toBe(topic);

    const batch = (payload: string) =>
      app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/acls:batch`,
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const empty = await batch('{}');
    const trailing = await batch('{}}');
    expect(trailing.statusCode).toBe(422);
    expect(trailing.json()).toEqual(empty.json());
    expect(trailing.json<{ error_code: number }>().error_code).toBe(42206);
  });

  // kafka-rest's DELETE resources take no entity: Jersey never reads their body.
  it('ignores the body of a DELETE, whatever its type', async () => {
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', ''],
      ['text/plain', 'anything'],
      ['application/json', '{not json'],
    ]) {
      const topic = uniqueName('t');
      const created = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics`,
        payload: { topic_name: topic, partitions_count: 1 },
      });
      expect(created.statusCode).toBe(201);
      const res = await app.inject({
        method: 'DELETE',
        url: `/v3/clusters/${clusterId}/topics/${topic}`,
        headers: { 'content-type': type },
        payload,
      });
      expect([type, res.statusCode]).toEqual([type, 204]);
    }
  });

  // Jersey matches the path first: a body sent to no resource is never typed or parsed
  // (TopicConfigurationsResourceIntegrationTest PUTs application/vnd.api+json to a removed path).
  it('answers 404 to a path no route serves, whatever body comes with it', async () => {
    for (const [method, type, payload] of [
      ['PUT', 'application/vnd.api+json', '{"data":{"attributes":{"value":"compact"}}}'],
      ['PUT', 'text/plain', 'anything'],
      ['POST', 'application/json', '{not json'],
    ] as const) {
      const res = await app.inject({
        method,
        url: `/v3/clusters/${clusterId}/topics/t/configurations/cleanup.policy`,
        headers: { 'content-type': type },
        payload,
      });
      expect([type, res.statusCode, res.json()]).toEqual([
        type,
        404,
        { error_code: 404, message: 'HTTP 404 Not Found' },
      ]);
    }
  });

  it('answers 400 for a wrongly typed field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      payload: { topic_name: uniqueName('t'), partitions_count: 'three' },
    });
    await expectToMatchSpec(res, 'POST', TOPICS);
    expect(res.json()).toEqual({
      error_code: 400,
      message: expect.stringContaining('partitions_count') as unknown,
    });
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: { 'content-type': 'application/json' },
      payload: '[1,2]',
    });
    await expectToMatchSpec(res, 'POST', TOPICS);
    expect(res.json<{ error_code: number }>().error_code).toBe(400);
  });

  it('answers 422/42206 for an empty body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    await expectToMatchSpec(res, 'POST', TOPICS);
    expect(res.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Request body is empty. Data is required.',
    });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: { 'content-type': 'text/plain' },
      payload: 'topic_name=x',
    });
    await expectToMatchSpec(res, 'POST', TOPICS);
    expect(res.json()).toEqual({ error_code: 415, message: 'HTTP 415 Unsupported Media Type' });
  });

  // Jersey fails a Content-Type its MediaType reader cannot parse with 400 (HeaderValueException),
  // before matching media types: ahead of 415, and of 406 for an Accept nothing matches.
  it('answers 400 for a Content-Type that is not type/subtype, on v3, v2 and produce routes', async () => {
    const routes = [
      `/v3/clusters/${clusterId}/topics`,
      `/kafka/v3/clusters/${clusterId}/topics/t/records`,
      '/topics/t',
    ];
    for (const url of routes) {
      for (const type of ['garbage', 'application/', 'application json']) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': type, accept: 'text/html' },
          payload: '{}',
        });
        expect(res.statusCode, `${url} ${type}`).toBe(400);
        expect(res.json()).toEqual({
          error_code: 400,
          message: `Unable to parse "Content-Type" header value: "${type}"`,
        });
      }
    }
    const topics = await app.inject({
      method: 'POST',
      url: routes[0],
      headers: { 'content-type': 'garbage' },
      payload: '{}',
    });
    await expectToMatchSpec(topics, 'POST', TOPICS);
    // Parameters and spacing Jersey reads stay accepted.
    const spaced = await app.inject({
      method: 'POST',
      url: routes[0],
      headers: { 'content-type': 'Application/JSON ; charset=UTF-8' },
      payload: '{bad',
    });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json<{ message: string }>().message).not.toContain('Content-Type');
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      payload: { topic_name: 'x'.repeat(2048) },
    });
    await expectToMatchSpec(res, 'POST', TOPICS);
    expect(res.json()).toEqual({ error_code: 413, message: 'Request body is too large.' });
  });

  it('answers 404 in the Confluent format for an unknown route', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
  });

  it('answers 400 in the Confluent format for a URL that cannot be decoded', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/clusters/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error_code: 400, message: expect.any(String) as unknown });
  });

  it('keeps serving after bad input', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/clusters' });
    expect(res.statusCode).toBe(200);
  });
});

describe('a dead broker', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${await freePort()}` });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 503/50302 quickly with a clear message', async () => {
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/v3/clusters' });
    await expectToMatchSpec(res, 'GET', '/clusters');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error_code: 50302,
      message: expect.stringContaining('Kafka is not reachable') as unknown,
    });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
