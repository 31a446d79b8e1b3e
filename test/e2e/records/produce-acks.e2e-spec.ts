import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { readRecords } from '../../support/read-records';
import { TestContext } from '../../support/test-context';

const SPEC_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records';

// acks=1 and acks=0 turn idempotence off (as in the Java client): batches carry no producer id.
describe.each([
  { acks: '1', offsets: [0, 1, 2] },
  // Kafka answers nothing to acks=0, so the producer never learns the offsets (Java says -1).
  { acks: '0', offsets: [-1, -1, -1] },
])('KAFKA_REST_PRODUCER_ACKS=$acks', ({ acks, offsets }) => {
  const bootstrap = inject('kafkaBootstrap');
  let app: NestFastifyApplication;
  let ctx: TestContext;

  beforeAll(async () => {
    app = await createTestApp({ KAFKA_REST_PRODUCER_ACKS: acks });
    ctx = new TestContext(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('acknowledges each record and Kafka stores them in order', async () => {
    const { topic, clusterId } = await ctx.newTopic();
    const receipts = [];
    for (const value of ['a', 'b', 'c']) {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ partition_id: 0, value: { type: 'STRING', data: value } }),
      });
      expect(res.statusCode, res.body).toBe(200);
      await expectToMatchSpec(res, 'POST', SPEC_PATH);
      receipts.push(res.json<{ error_code: number; offset: number }>());
    }
    expect(receipts.map((r) => [r.error_code, r.offset])).toEqual(offsets.map((o) => [200, o]));
    const { records } = await readRecords(bootstrap, topic, { partition: 0, count: 3 });
    expect(records.map((r) => [r.offset, r.value?.toString()])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
  });
});
