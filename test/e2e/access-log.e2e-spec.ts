import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/create-app';
import { TestContext } from '../support/test-context';

type Line = Record<string, unknown>;

/**
 * The access line carries the REST error codes a request answered, as kafka-rest's request log
 * writes REST_ERROR_CODE: error answers, produce receipts (a limited stream is 200 with 429s)
 * and the log-only codes of the rate limits (CONFLUENT-REST-NOTES.md §3.5).
 */
describe('access log: REST error codes', () => {
  const lines: Line[] = [];
  let app: NestFastifyApplication;
  let clusterId: string;
  let topic: string;

  beforeAll(async () => {
    app = await createTestApp(
      {
        GATEWAY_LOG_LEVEL: 'info',
        KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_ENABLED: 'true',
        KAFKA_REST_API_V3_PRODUCE_RATE_LIMIT_MAX_REQUESTS_GLOBAL_PER_SEC: '1',
      },
      { write: (line: string) => lines.push(JSON.parse(line) as Line) },
    );
    ({ clusterId, topic } = await new TestContext(app).newTopic());
  });
  afterAll(async () => {
    await app.close();
  });

  /** The access line of the request answered with this X-Request-Id. */
  async function lineOf(requestId: string): Promise<Line> {
    await expect
      .poll(() => lines.find((l) => l.msg === 'access' && l.request_id === requestId))
      .toBeDefined();
    return lines.find((l) => l.msg === 'access' && l.request_id === requestId)!;
  }

  it('names the rate limit of a produce whose receipts it refused, while HTTP says 200', async () => {
    const records = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `produce-${i}-${Date.now()}`;
      ids.push(id);
      const res = await app.inject({
        method: 'POST',
        url: records,
        headers: { 'x-request-id': id },
        payload: { value: { type: 'STRING', data: `v${i}` } },
      });
      expect(res.statusCode).toBe(200);
    }
    const codes = await Promise.all(ids.map(async (id) => (await lineOf(id)).rest_error_codes));
    // One record a second passes: the first; the next two get 429 receipts (log code 429001).
    expect(codes).toEqual([undefined, { '429001': 1 }, { '429001': 1 }]);
  });

  it('writes the error_code of an error answer', async () => {
    const id = `missing-${Date.now()}`;
    const res = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/no-such-topic-here`,
      headers: { 'x-request-id': id },
    });
    expect(res.statusCode).toBe(404);
    const { error_code } = res.json<{ error_code: number }>();
    expect((await lineOf(id)).rest_error_codes).toEqual({ [String(error_code)]: 1 });
  });

  it('counts the codes of the failed entries of a batch, which answers 207', async () => {
    // Each entry takes a permit before it is read: the bad one gets 400, the next one 429.
    const id = `batch-${Date.now()}`;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a fresh rate-limit window
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
      headers: { 'x-request-id': id },
      payload: {
        entries: [
          { id: '1', value: { type: 'BINARY', data: 'not base64!' } },
          { id: '2', value: { type: 'STRING', data: 'fine' } },
        ],
      },
    });
    expect(res.statusCode).toBe(207);
    expect(res.json<{ failures: unknown[] }>().failures).toHaveLength(2);
    expect((await lineOf(id)).rest_error_codes).toEqual({ '400': 1, '429001': 1 });
  });
});

describe('access log: the log codes of the DoS filter and the admin rate limit', () => {
  async function codesOf(
    env: Record<string, string>,
    requests: { url: string; ip: string }[],
  ): Promise<{ statuses: number[]; codes: unknown[] }> {
    const lines: Line[] = [];
    const app = await createTestApp(
      { GATEWAY_LOG_LEVEL: 'info', ...env },
      { write: (line: string) => lines.push(JSON.parse(line) as Line) },
    );
    try {
      const statuses: number[] = [];
      for (const [i, { url, ip }] of requests.entries()) {
        const res = await app.inject({
          method: 'GET',
          url,
          remoteAddress: ip,
          headers: { 'x-request-id': `r${i}` },
        });
        statuses.push(res.statusCode);
      }
      const access = (i: number) =>
        lines.find((l) => l.msg === 'access' && l.request_id === `r${i}`);
      await expect.poll(() => requests.every((_, i) => access(i) !== undefined)).toBe(true);
      return { statuses, codes: requests.map((_, i) => access(i)?.rest_error_codes) };
    } finally {
      await app.close();
    }
  }

  it('writes 429008 for a client over its own rate and 429007 for the whole gateway', async () => {
    const dos = {
      KAFKA_REST_DOS_FILTER_ENABLED: 'true',
      KAFKA_REST_DOS_FILTER_DELAY_MS: '-1',
    };
    const perClient = await codesOf(
      {
        ...dos,
        KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC: '99999',
        KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC: '1',
      },
      [
        { url: '/v3/clusters', ip: '10.1.0.1' },
        { url: '/v3/clusters', ip: '10.1.0.1' },
      ],
    );
    expect(perClient).toEqual({ statuses: [200, 429], codes: [undefined, { '429008': 1 }] });
    const global = await codesOf(
      {
        ...dos,
        KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_SEC: '1',
        KAFKA_REST_DOS_FILTER_MAX_REQUESTS_PER_CONNECTION_PER_SEC: '99999',
      },
      [
        { url: '/v3/clusters', ip: '10.2.0.1' },
        { url: '/v3/clusters', ip: '10.2.0.2' },
      ],
    );
    expect(global).toEqual({ statuses: [200, 429], codes: [undefined, { '429007': 1 }] });
  });

  it('writes 429005 for a request over the admin rate limit', async () => {
    const admin = await codesOf(
      { KAFKA_REST_RATE_LIMIT_ENABLE: 'true', KAFKA_REST_RATE_LIMIT_PERMITS_PER_SEC: '1' },
      [
        { url: '/v3/clusters', ip: '10.3.0.1' },
        { url: '/v3/clusters', ip: '10.3.0.2' },
      ],
    );
    expect(admin).toEqual({ statuses: [200, 429], codes: [undefined, { '429005': 1 }] });
  });
});
