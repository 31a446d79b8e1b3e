import fc from 'fast-check';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstChunk } from '../support/first-chunk';
import { listenTestApp, ListeningApp } from '../support/listening-app';
import { createFixtureTopic, disconnectFixtures, produceRecords } from '../support/produce-records';
import { TestContext } from '../support/test-context';
import { uniqueName } from '../support/unique-names';
import { heapAfterGc } from './memory';
import {
  anyJson,
  fuzzParameters,
  httpStatusOf,
  nastyString,
  produceRequest,
  query,
} from './fuzz-arbitraries';

const RSS_GROWTH_LIMIT_BYTES = 256 * 1024 * 1024;
const HEAP_GROWTH_LIMIT_BYTES = 64 * 1024 * 1024;

interface StreamAnswer {
  status: number;
  lines: string[];
  /** The response ended before the client finished sending (the gateway closed it). */
  cutShort: boolean;
}

/**
 * Fuzzing over real sockets: truncated, garbage and aborted streaming produce bodies, raw
 * garbage requests, huge headers and URLs. Nothing may answer 5xx, crash the gateway or let its
 * memory grow without bound.
 */
describe('fuzz: streams, raw requests and huge headers', () => {
  let gw: ListeningApp;
  let clusterId: string;
  let topic: string;
  let recordsPath: string;
  let rssBefore: number;
  let heapBefore: number;

  beforeAll(async () => {
    gw = await listenTestApp({ GATEWAY_BODY_LIMIT_BYTES: String(4 * 1024 * 1024) });
    clusterId = await new TestContext(gw.app).clusterId();
    topic = await createFixtureTopic(uniqueName('fuzz-streams'), 2);
    await produceRecords(topic, [{ value: 'a' }]);
    recordsPath = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    rssBefore = process.memoryUsage().rss;
    heapBefore = heapAfterGc();
  });
  afterAll(async () => {
    await gw.app.close();
    await disconnectFixtures();
  });

  /**
   * A chunked POST written chunk by chunk (optionally destroyed after `abortAfter` chunks, or
   * sent on and on while `more()` says so); resolves once the response and connection are over.
   */
  function streamBody(
    chunks: Buffer[],
    abortAfter?: number,
    more?: () => Buffer | undefined,
  ): Promise<StreamAnswer | undefined> {
    return new Promise((resolve) => {
      const req = request(`${gw.baseUrl}${recordsPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      let sent = false;
      let answer: StreamAnswer | undefined;
      let raw = '';
      req.on('error', () => undefined);
      req.on('close', () => setImmediate(() => resolve(answer)));
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('error', () => undefined);
        const update = (): void => {
          answer = {
            status: res.statusCode ?? 0,
            lines: raw.split('\r\n').filter((l) => l.trim() !== ''),
            cutShort: !sent,
          };
        };
        update();
        res.on('data', (text: string) => {
          raw += text;
          update();
        });
      });
      void (async () => {
        for (let i = 0; ; i++) {
          if (abortAfter !== undefined && i === abortAfter) {
            req.destroy();
            return;
          }
          const chunk = i < chunks.length ? chunks[i] : more?.();
          if (chunk === undefined) {
            break;
          }
          // Endless mode stops sending once the gateway answered.
          if (req.destroyed || (more !== undefined && (answer?.lines.length ?? 0) > 0)) {
            return;
          }
          if (!req.write(chunk)) {
            await new Promise((r) => {
              req.once('drain', r);
              req.once('close', r);
            });
          } else {
            await new Promise((r) => setImmediate(r));
          }
        }
        sent = true;
        req.end();
      })();
    });
  }

  async function expectServing(): Promise<void> {
    const res = await fetch(`${gw.baseUrl}/v3/clusters`);
    expect(res.status).toBe(200);
  }

  function expectNoServerError(answer: StreamAnswer | undefined, context: string): void {
    if (answer === undefined) {
      return;
    }
    expect(answer.status, context).toBeLessThan(500);
    for (const line of answer.lines) {
      const parsed = JSON.parse(line) as { error_code: number };
      expect(httpStatusOf(parsed.error_code), `${context}\n=> ${line}`).toBeLessThan(500);
    }
  }

  it('answers truncated, garbage and aborted streaming produce bodies without a 5xx', async () => {
    const piece = fc.oneof(
      { weight: 4, arbitrary: produceRequest.map((r) => Buffer.from(JSON.stringify(r))) },
      {
        weight: 2,
        arbitrary: fc.tuple(produceRequest, fc.nat()).map(([r, n]) => {
          const text = JSON.stringify(r);
          return Buffer.from(text.slice(0, n % (text.length + 1)));
        }),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: anyJson.map((j) => Buffer.from(JSON.stringify(j) ?? 'null')) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(' ', '\n', '\r\n', '}', ']', '"', '\\', '{', '[')
          .map((s) => Buffer.from(s)),
      },
    );
    const stream = fc.record({
      pieces: fc.array(piece, { maxLength: 12 }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      abortAfter: fc.option(fc.nat({ max: 6 }), { freq: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(stream, async ({ pieces, cuts, abortAfter }) => {
        const body = Buffer.concat(pieces);
        const points = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, body.length]
          .slice(1)
          .map((end, i, ends) => body.subarray(i === 0 ? 0 : ends[i - 1], end))
          .filter((c) => c.length > 0);
        const answer = await streamBody(chunks, abortAfter ?? undefined);
        expectNoServerError(answer, body.toString('latin1').slice(0, 500));
      }),
      fuzzParameters(),
    );
    await expectServing();
  });

  it('ends an endless unterminated record at the size limit with a receipt, then closes the connection', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const started = Date.now();
    // Sends until the gateway answers (or 15 s pass): the record never ends.
    const answer = await streamBody(
      [Buffer.from('{"value":{"type":"STRING","data":"')],
      undefined,
      () => (Date.now() - started < 15_000 ? chunk : undefined),
    );
    expect(answer).toBeDefined();
    expect(answer!.cutShort).toBe(true);
    expect(answer!.lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        error_code: 400,
        message:
          'Bad Request: Error processing message: Produce request size is larger than allowed threshold',
      },
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectServing();
  });

  it('answers record stream query parameters and Last-Event-ID values without a 5xx', async () => {
    const streamQuery = query(['from', 'timestamp', 'offsets', 'group_id', 'format']);
    const lastEventId = fc.option(nastyString, { freq: 2 });
    await fc.assert(
      fc.asyncProperty(streamQuery, lastEventId, async (q, id) => {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (id !== null && id !== '' && /^[\t\x20-\x7e]*$/.test(id)) {
          headers['last-event-id'] = id;
        }
        const res = await firstChunk(`${gw.baseUrl}${recordsPath}:stream?${q}`, headers);
        expect(res.status, `${q} ${JSON.stringify(headers)} => ${res.body}`).toBeLessThan(500);
      }),
      fuzzParameters(40),
    );
    await expectServing();
  });

  /**
   * Raw bytes on a socket; resolves with the status line answered ('' if the connection closed
   * without one). The client half-closes only if no answer came within 300 ms: Node's HTTP
   * server drops the pending response of a client that half-closed, so that would hide answers.
   */
  function raw(bytes: Buffer | string, timeoutMs = 5_000): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(gw.port, '127.0.0.1');
      let answer = '';
      const halfClose = setTimeout(() => {
        if (answer === '') {
          socket.end();
        }
      }, 300);
      const timer = setTimeout(() => socket.destroy(), timeoutMs);
      socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        clearTimeout(halfClose);
        resolve(answer.split('\r\n')[0]);
      });
      socket.write(bytes);
    });
  }

  it('answers raw garbage requests with a 4xx or a closed connection', async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'PUT', 'BREW', 'G\u0000T', ''),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''),
          fc.array(
            fc.tuple(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 40 })),
            {
              maxLength: 5,
            },
          ),
          fc.string({ maxLength: 100 }),
        )
        .map(([method, path, version, headers, bodyText]) =>
          Buffer.from(
            `${method} /${path} ${version}\r\nHost: x\r\n` +
              headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') +
              `\r\n${bodyText}`,
            'utf8',
          ),
        ),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (bytes) => {
        const status = await raw(bytes);
        const code = Number(/^HTTP\/1\.[01] (\d{3})/.exec(status)?.[1] ?? 0);
        expect(code, `${JSON.stringify(bytes.toString('latin1'))} => ${status}`).toBeLessThan(500);
      }),
      fuzzParameters(),
    );
    await expectServing();
  });

  it('answers huge headers, many headers and huge URLs with a 4xx, and large allowed headers without a 5xx', async () => {
    const big = (n: number) => 'h'.repeat(n);
    const cases: { name: string; bytes: string; expected: (code: number) => boolean }[] = [
      {
        name: 'one 20 KB header',
        bytes: `GET /v3/clusters HTTP/1.1\r\nHost: x\r\nX-Big: ${big(20_000)}\r\n\r\n`,
        expected: (c) => c === 431,
      },
      {
        name: '2,000 small headers',
        bytes:
          `GET /v3/clusters HTTP/1.1\r\nHost: x\r\n` +
          Array.from({ length: 2_000 }, (_, i) => `X-H${i}: v\r\n`).join('') +
          '\r\n',
        expected: (c) => c === 431,
      },
      {
        name: 'a 100 KB URL',
        bytes: `GET /v3/clusters?x=${big(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        expected: (c) => c === 414,
      },
      {
        name: 'a 1 MB header sent slowly in pieces',
        bytes: `GET /v3/clusters HTTP/1.1\r\nHost: x\r\nX-Big: ${big(1_000_000)}\r\n\r\n`,
        expected: (c) => c === 431,
      },
      {
        name: 'a 6 KB Idempotency-Key on produce',
        bytes:
          `POST ${recordsPath} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
          `Idempotency-Key: ${big(6_000)}\r\nContent-Length: 38\r\nConnection: close\r\n\r\n` +
          '{"value":{"type":"STRING","data":"x"}}',
        expected: (c) => c === 200,
      },
      {
        name: 'a 6 KB Last-Event-ID on a stream',
        bytes:
          `GET ${recordsPath}:stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n` +
          `Last-Event-ID: ${big(6_000)}\r\nConnection: close\r\n\r\n`,
        expected: (c) => c === 400,
      },
      {
        name: 'a 6 KB Content-Type',
        bytes:
          `POST ${recordsPath} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; ${big(6_000)}\r\n` +
          'Content-Length: 2\r\nConnection: close\r\n\r\n{}',
        expected: (c) => c === 200,
      },
    ];
    for (const c of cases) {
      const status = await raw(c.bytes);
      const code = Number(/^HTTP\/1\.[01] (\d{3})/.exec(status)?.[1] ?? 0);
      expect(c.expected(code), `${c.name} => ${status}`).toBe(true);
    }
    await expectServing();
  });

  it('keeps serving, with bounded memory, after all of the above', async () => {
    await expectServing();
    const growth = process.memoryUsage().rss - rssBefore;
    const heapGrowth = heapAfterGc() - heapBefore;
    console.log(
      `RSS growth over the stream and header fuzz runs: ${(growth / 1024 / 1024).toFixed(1)} MB, ` +
        `live heap growth ${(heapGrowth / 1024 / 1024).toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_BYTES);
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
  });
});
