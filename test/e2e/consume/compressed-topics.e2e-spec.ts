import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToMatchConsumeSpec } from '../../support/consume-openapi';
import { createTestApp } from '../../support/create-app';
import { TestContext } from '../../support/test-context';

const PATH = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records';

interface ReadBody {
  data: {
    offset: number;
    key: { data: string } | null;
    value: { data: string } | null;
    headers: { name: string; value: string }[];
  }[];
}

// The gateway produces uncompressed batches; a topic's compression.type makes the broker
// recompress them, so reads get batches as the Java broker writes them (snappy in snappy-java's
// framing, zstd that Node 20's zlib cannot read).
describe('reading topics the broker compresses', () => {
  let app: NestFastifyApplication;
  let context: TestContext;

  beforeAll(async () => {
    app = await createTestApp();
    context = new TestContext(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])(
    'reads back what was produced to a %s topic, large records included',
    async (compression) => {
      const { topic, clusterId } = await context.newTopic({
        prefix: `compressed-${compression}`,
        configs: { 'compression.type': compression },
      });
      // Random bytes do not compress; repeated text does. 100 KiB spans several snappy blocks.
      const values = [
        Buffer.from('hello '.repeat(50)),
        randomBytes(100 * 1024),
        Buffer.from('x'.repeat(100 * 1024)),
      ];
      const produce = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/topics/${topic}/records:batch`,
        payload: {
          entries: values.map((value, i) => ({
            id: String(i),
            key: { type: 'STRING', data: `key-${i}` },
            value: { type: 'BINARY', data: value.toString('base64') },
            headers: [{ name: 'h', value: Buffer.from(`header-${i}`).toString('base64') }],
          })),
        },
      });
      expect(produce.json<{ failures: unknown[] }>().failures).toEqual([]);

      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&max_bytes=1048576&timeout_ms=100`,
      });
      await expectToMatchConsumeSpec(res, 'GET', PATH);
      expect(res.statusCode, res.body).toBe(200);
      const read = res.json<ReadBody>().data;
      expect(read.map((r) => r.offset)).toEqual([0, 1, 2]);
      read.forEach((record, i) => {
        expect(Buffer.from(record.key?.data ?? '', 'base64').toString()).toBe(`key-${i}`);
        expect(Buffer.from(record.value?.data ?? '', 'base64').equals(values[i])).toBe(true);
        expect(record.headers.map((h) => Buffer.from(h.value, 'base64').toString())).toEqual([
          `header-${i}`,
        ]);
      });
    },
  );
});
