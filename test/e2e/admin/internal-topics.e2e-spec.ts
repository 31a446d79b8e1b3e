import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { ensureConsumerOffsetsTopic } from '../../support/internal-topics';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const OFFSETS = '__consumer_offsets';
const V2 = 'application/vnd.kafka.v2+json';
interface Lag {
  topic_name: string;
  current_offset: number;
  log_end_offset: number;
  lag: number;
}

const UNKNOWN = { error_code: 40403, message: 'This server does not host this topic-partition.' };

// @platformatic/kafka's metadata leaves internal topics out, and its listOffsets and
// deleteRecords failed on them with an exception no promise caught: the process ended. These
// requests run in this test's process, so a crash fails the file.
describe('internal topics', () => {
  let app: NestFastifyApplication;
  let clusterId: string;

  beforeAll(async () => {
    await ensureConsumerOffsetsTopic();
    app = await createTestApp();
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await app.close();
  });

  const v3 = (path: string) => `/v3/clusters/${clusterId}/topics/${OFFSETS}${path}`;

  it("answers an internal partition's offsets, as kafka-rest does (v3 and v2)", async () => {
    const res = await app.inject({ method: 'GET', url: v3('/partitions/0/offset') });
    await expectToMatchSpec(
      res,
      'GET',
      '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/offset',
    );
    const body = res.json<{ earliest_offset: number; latest_offset: number }>();
    expect([res.statusCode, body.earliest_offset]).toEqual([200, 0]);
    expect(body.latest_offset).toBeGreaterThanOrEqual(0);
    const v2 = await app.inject({ method: 'GET', url: `/topics/${OFFSETS}/partitions/0/offsets` });
    expect(v2.json()).toEqual({ beginning_offset: 0, end_offset: expect.any(Number) as unknown });
  });

  it('answers reads, streams and record deletion of an internal topic with 40403', async () => {
    const read = await app.inject({
      method: 'GET',
      url: v3('/partitions/0/records?timestamp=2020-01-01T00:00:00Z&timeout_ms=100'),
    });
    const stream = await app.inject({
      method: 'GET',
      url: v3('/records:stream?from=earliest'),
      headers: { accept: 'application/x-ndjson' },
    });
    const deleted = await app.inject({
      method: 'POST',
      url: v3('/records:delete'),
      payload: { partitions: [{ partition_id: 0, before_offset: 0 }] },
    });
    expect([read.json(), stream.json(), deleted.json()]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
  });

  it('refuses records for an internal topic as Kafka does (InvalidTopicException)', async () => {
    const refused = { error_code: 40002, message: `Cannot append to internal topic ${OFFSETS}` };
    const v3Produce = await app.inject({
      method: 'POST',
      url: v3('/records'),
      payload: { value: { type: 'STRING', data: 'x' } },
    });
    const v2Produce = await app.inject({
      method: 'POST',
      url: `/topics/${OFFSETS}`,
      headers: { 'content-type': 'application/vnd.kafka.binary.v2+json' },
      payload: { records: [{ value: 'eA==' }] },
    });
    expect(v3Produce.json()).toEqual(refused);
    expect(v2Produce.json<{ offsets: unknown[] }>().offsets).toEqual([
      // v2 codes a non-retriable producer exception 50002 (kafka-rest's errorCodeFromProducerException).
      { partition: null, offset: null, error_code: 50002, error: refused.message },
    ]);
  });

  it('reports the lag of a group that committed an offset on an internal partition', async () => {
    const group = uniqueName('internal-lag');
    const post = (url: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url, headers: { 'content-type': V2 }, payload });
    await post(`/consumers/${group}`, { name: 'reader', format: 'binary' });
    const instance = `/consumers/${group}/instances/reader`;
    await post(`${instance}/assignments`, { partitions: [{ topic: OFFSETS, partition: 0 }] });
    const commit = await post(`${instance}/offsets`, {
      offsets: [{ topic: OFFSETS, partition: 0, offset: 0 }],
    });
    expect(commit.statusCode, commit.body).toBe(200);
    await app.inject({ method: 'DELETE', url: instance });
    const lags = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/consumer-groups/${group}/lags`,
    });
    await expectToMatchSpec(
      lags,
      'GET',
      '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lags',
    );
    const data = lags.json<{ data: Lag[] }>().data;
    // v2 commits the offset after the one named, as kafka-rest does.
    expect(data.map((l) => [l.topic_name, l.current_offset])).toEqual([[OFFSETS, 1]]);
    expect(data[0].lag).toBe(data[0].log_end_offset - data[0].current_offset);
  });
});
