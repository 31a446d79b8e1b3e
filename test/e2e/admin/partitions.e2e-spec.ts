import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { GroupFixtures } from '../../support/kafka-clients';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const PARTITIONS = '/clusters/{cluster_id}/topics/{topic_name}/partitions';
const PARTITION = `${PARTITIONS}/{partition_id}`;
const OFFSET = `${PARTITION}/offset`;
const UNKNOWN = { error_code: 40403, message: 'This server does not host this topic-partition.' };

describe('partitions', () => {
  let app: NestFastifyApplication;
  let ctx: TestContext;
  let clusterId: string;
  let topic: string;
  let brokerId: number;

  beforeAll(async () => {
    app = await createTestApp();
    ctx = new TestContext(app);
    ({ topic, clusterId } = await ctx.newTopic({ partitions: 2 }));
    const brokers = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/brokers` });
    brokerId = brokers.json<{ data: { broker_id: number }[] }>().data[0].broker_id;
  });
  afterAll(async () => {
    await app.close();
  });

  function expectedPartition(partitionId: number): unknown {
    const base = `http://gw:1/v3/clusters/${clusterId}/topics/${topic}/partitions/${partitionId}`;
    return {
      kind: 'KafkaPartition',
      metadata: {
        self: base,
        resource_name: `crn:///kafka=${clusterId}/topic=${topic}/partition=${partitionId}`,
      },
      cluster_id: clusterId,
      topic_name: topic,
      partition_id: partitionId,
      leader: { related: `${base}/replicas/${brokerId}` },
      replicas: { related: `${base}/replicas` },
      reassignment: { related: `${base}/reassignment` },
    };
  }

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions', () => {
    it('lists the partitions in order with leader links', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions`,
        headers: { host: 'gw:1' },
      });
      await expectToMatchSpec(res, 'GET', PARTITIONS);
      expect(res.json()).toEqual({
        kind: 'KafkaPartitionList',
        metadata: {
          self: `http://gw:1/v3/clusters/${clusterId}/topics/${topic}/partitions`,
          next: null,
        },
        data: [expectedPartition(0), expectedPartition(1)],
      });
    });

    it('returns 404/40403 for an unknown topic', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${uniqueName('missing')}/partitions`,
      });
      await expectToMatchSpec(res, 'GET', PARTITIONS);
      expect(res.json()).toEqual(UNKNOWN);
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id', () => {
    it('returns one partition', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/1`,
        headers: { host: 'gw:1' },
      });
      await expectToMatchSpec(res, 'GET', PARTITION);
      expect(res.json()).toEqual(expectedPartition(1));
    });

    it("returns kafka-rest's bare 404 for an unknown partition of a known topic", async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/7`,
      });
      await expectToMatchSpec(res, 'GET', PARTITION);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404/40403 for a partition of an unknown topic', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${uniqueName('missing')}/partitions/0`,
      });
      await expectToMatchSpec(res, 'GET', PARTITION);
      expect(res.json()).toEqual(UNKNOWN);
    });
  });

  describe('GET /v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/offset', () => {
    it('returns earliest and latest offsets (0 and 0 for an empty partition)', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset`,
        headers: { host: 'gw:1' },
      });
      await expectToMatchSpec(res, 'GET', OFFSET);
      expect(res.json()).toEqual({
        kind: 'KafkaPartitionWithOffsets',
        metadata: {
          self: `http://gw:1/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset`,
          resource_name: `crn:///kafka=${clusterId}/topic=${topic}/partition=0/offset_type=earliest_and_latest`,
        },
        cluster_id: clusterId,
        topic_name: topic,
        partition_id: 0,
        earliest_offset: 0,
        latest_offset: 0,
      });
    });

    it('accepts offset_type=earliest_and_latest and rejects any other with 400', async () => {
      const ok = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset?offset_type=earliest_and_latest`,
      });
      expect(ok.statusCode).toBe(200);
      const repeated = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset?offset_type=earliest_and_latest&offset_type=foo`,
      });
      expect(repeated.statusCode).toBe(200);
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset?offset_type=latest`,
      });
      await expectToMatchSpec(res, 'GET', OFFSET);
      expect(res.json()).toEqual({
        error_code: 400,
        message: 'offset_type:latest is invalid',
      });
    });

    it('counts the records of an open transaction in latest_offset, as kafka-rest (high watermark), here and in v2', async () => {
      const kafka = new GroupFixtures();
      try {
        const txTopic = await kafka.createTopic(uniqueName('open-tx'), 1);
        await kafka.produce(txTopic, 0, 2);
        const abort = await kafka.produceUncommitted(txTopic, 0, 3);
        const v3 = await app.inject({
          method: 'GET',
          url: `/v3/clusters/${clusterId}/topics/${txTopic}/partitions/0/offset`,
        });
        await expectToMatchSpec(v3, 'GET', OFFSET);
        const v2 = await app.inject({
          method: 'GET',
          url: `/topics/${txTopic}/partitions/0/offsets`,
        });
        await abort();
        expect([v3.json<{ latest_offset: number }>().latest_offset, v2.json()]).toEqual([
          5,
          { beginning_offset: 0, end_offset: 5 },
        ]);
      } finally {
        await kafka.close();
      }
    });

    it('returns 404/40402 for an unknown partition (kafka-rest ListPartitionOffsetsAction)', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/9/offset`,
      });
      await expectToMatchSpec(res, 'GET', OFFSET);
      expect(res.json()).toEqual({ error_code: 40402, message: 'Partition not found.' });
    });
  });
});
