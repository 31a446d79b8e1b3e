import { request } from 'node:http';
import { connect, Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestContext } from '../../support/test-context';
import { send } from './support/http-client';
import { startListeningApp } from './support/listening-app';

/** A raw TCP client: what it received, and when the server closed the connection. */
function rawClient(
  url: string,
): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let data = '';
    const socket = connect(Number(port), hostname, () =>
      resolve({ socket, received: () => data, closed }),
    );
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    socket.once('error', reject);
  });
}

function bodyOf(raw: string): unknown {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
}

describe('slow-client protection on every listener', () => {
  let app: NestFastifyApplication;
  let urls: string[];
  let clusterId: string;

  beforeAll(async () => {
    ({ app, urls } = await startListeningApp(
      {
        KAFKA_REST_LISTENERS: 'http://127.0.0.1:0,http://127.0.0.1:0',
        GATEWAY_HTTP_HEADERS_TIMEOUT_MS: '400',
        GATEWAY_HTTP_BODY_TIMEOUT_MS: '400',
        KAFKA_REST_IDLE_TIMEOUT_MS: '1500',
        KAFKA_REST_MAX_REQUEST_HEADER_SIZE: '4096',
      },
      // Stands in for a slow Kafka call: the gateway works longer than the idle timeout.
      (fastify) =>
        fastify.get('/test/slow', async () => {
          await new Promise((r) => setTimeout(r, 2_500));
          return { done: true };
        }),
    ));
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 431 with a Confluent error body for a request head over max.request.header.size', async () => {
    for (const url of urls) {
      const res = await send(`${url}/v3/clusters`, { headers: { 'x-padding': 'a'.repeat(5_000) } });
      expect(res.statusCode).toBe(431);
      expect(JSON.parse(res.body)).toEqual({
        error_code: 431,
        message: 'Request Header Fields Too Large',
      });
    }
    // Just under the limit is fine.
    const ok = await send(`${urls[0]}/v3/clusters`, {
      headers: { 'x-padding': 'a'.repeat(3_000) },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('answers 414 for a request line alone over max.request.header.size, as Jetty', async () => {
    for (const url of urls) {
      const res = await send(`${url}/v3/clusters?x=${'a'.repeat(5_000)}`);
      expect(res.statusCode).toBe(414);
      expect(JSON.parse(res.body)).toEqual({ error_code: 414, message: 'URI Too Long' });
    }
    // A long URL whose head is too large only with its headers is a 431.
    const both = await send(`${urls[0]}/v3/clusters?x=${'a'.repeat(3_000)}`, {
      headers: { 'x-padding': 'a'.repeat(2_000) },
    });
    expect(both.statusCode).toBe(431);
  });

  it('answers 408 and closes a connection whose headers do not arrive in time', async () => {
    for (const url of urls) {
      const client = await rawClient(url);
      client.socket.write('GET /v3/clusters HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      const closedAfterMs = await client.closed;
      expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(bodyOf(client.received())).toEqual({ error_code: 408, message: 'Request Timeout' });
      expect(closedAfterMs).toBeLessThan(1_400);
    }
  });

  it('answers 408 and closes a connection whose body does not arrive in time', async () => {
    const client = await rawClient(urls[1]);
    client.socket.write(
      `POST /v3/clusters/${clusterId}/topics HTTP/1.1\r\nHost: localhost\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"topic_name":',
    );
    const closedAfterMs = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toMatch(/\r\nconnection: close\r\n/i);
    expect(bodyOf(client.received())).toEqual({
      error_code: 408,
      message: 'Request body not received within 400 ms.',
    });
    expect(closedAfterMs).toBeLessThan(1_400);
  });

  it('closes a produce whose Content-Length body stops arriving after idle.timeout.ms', async () => {
    const { topic } = await new TestContext(app).newTopic();
    const client = await rawClient(urls[0]);
    client.socket.write(
      `POST /v3/clusters/${clusterId}/topics/${topic}/records HTTP/1.1\r\nHost: localhost\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"value":{"type":"STRING",',
    );
    const closedAfterMs = await client.closed;
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_400);
    expect(closedAfterMs).toBeLessThan(5_000);
  });

  it('keeps a connection whose request the gateway works on for longer than idle.timeout.ms', async () => {
    for (const url of urls) {
      const res = await send(`${url}/test/slow`);
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ done: true });
    }
  });

  it('closes an idle keep-alive connection after idle.timeout.ms', async () => {
    const client = await rawClient(urls[0]);
    client.socket.write('GET /healthy HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const closedAfterMs = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_400);
    expect(closedAfterMs).toBeLessThan(5_000);
  });
});

describe('GATEWAY_MAX_CONCURRENT_STREAMS', () => {
  let app: NestFastifyApplication;
  let url: string;
  let recordsUrl: string;

  beforeAll(async () => {
    let urls: string[];
    ({ app, urls } = await startListeningApp({
      KAFKA_REST_LISTENERS: 'http://127.0.0.1:0',
      GATEWAY_MAX_CONCURRENT_STREAMS: '2',
    }));
    [url] = urls;
    const { topic, clusterId } = await new TestContext(app).newTopic();
    recordsUrl = `${url}/v3/clusters/${clusterId}/topics/${topic}/records`;
  });
  afterAll(async () => {
    await app.close();
  });

  /** A chunked produce stream that stays open after its first record until `end()`. */
  function openStream(): Promise<{ end: () => Promise<number>; status: number; first: string }> {
    return new Promise((resolve, reject) => {
      const req = request(recordsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let body = '';
        const done = new Promise<number>((r) => res.on('end', () => r(res.statusCode ?? 0)));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const first = body === '';
          body += chunk;
          if (first) {
            resolve({
              status: res.statusCode ?? 0,
              first: body,
              end: () => {
                req.end();
                return done;
              },
            });
          }
        });
      });
      req.on('error', reject);
      req.write(JSON.stringify({ value: { type: 'JSON', data: 1 } }));
    });
  }

  it('answers 429 past the cap and admits a new stream once one ends', async () => {
    const a = await openStream();
    const b = await openStream();
    expect([a.status, b.status]).toEqual([200, 200]);
    const third = await openStream();
    expect(third.status).toBe(429);
    expect(JSON.parse(third.first)).toEqual({
      error_code: 429,
      message: 'Too many concurrent streaming requests.',
    });
    expect(await third.end()).toBe(429);
    expect(await a.end()).toBe(200);
    const fourth = await openStream();
    expect(fourth.status).toBe(200);
    // A plain request with a Content-Length is not a stream, so it is never capped.
    const single = await send(recordsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: { type: 'JSON', data: 2 } }),
    });
    expect(single.statusCode).toBe(200);
    await Promise.all([b.end(), fourth.end()]);
  });

  it('counts consume streams (GET .../records:stream) against the same cap', async () => {
    const produce = await openStream();
    const consume = await openConsumeStream();
    const refused = await send(recordsUrl.replace(/\/records$/, '/records:stream'), {
      headers: { accept: 'text/event-stream' },
    });
    expect([produce.status, consume.status, refused.statusCode]).toEqual([200, 200, 429]);
    expect(JSON.parse(refused.body)).toEqual({
      error_code: 429,
      message: 'Too many concurrent streaming requests.',
    });
    consume.close();
    await produce.end();
  });

  /** An SSE consume stream of the topic, open until `close()`. */
  function openConsumeStream(): Promise<{ status: number; close: () => void }> {
    return new Promise((resolve, reject) => {
      const req = request(recordsUrl.replace(/\/records$/, '/records:stream'), {
        headers: { accept: 'text/event-stream' },
      });
      req.on('response', (res) =>
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy() }),
      );
      req.on('error', reject);
      req.end();
    });
  }
});
