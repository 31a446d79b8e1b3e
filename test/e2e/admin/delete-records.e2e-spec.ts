import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchExtensionSpec } from '../../support/extension-openapi';
import { GroupFixtures } from '../../support/kafka-clients';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const HOST = 'gw.test:8082';
const DELETE = '/clusters/{cluster_id}/topics/{topic_name}/records:delete';

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records:delete (extension)', () => {
  let app: NestFastifyApplication;
  let kafka: GroupFixtures;
  let clusterId: string;

  beforeAll(async () => {
    app = await createTestApp();
    kafka = new GroupFixtures();
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  /** A topic with 10 records in each of its 3 partitions. */
  async function fullTopic(): Promise<string> {
    const topic = await kafka.createTopic(uniqueName('truncate'), 3);
    for (const partition of [0, 1, 2]) {
      await kafka.produce(topic, partition, 10);
    }
    return topic;
  }

  function deleteRecords(topic: string, payload: unknown, prefix = '/v3') {
    return app.inject({
      method: 'POST',
      url: `${prefix}/clusters/${clusterId}/topics/${topic}/records:delete`,
      headers: { host: HOST },
      payload: payload as object,
    });
  }

  function deletedBody(topic: string, watermarks: [number, number][], prefix = '/v3') {
    const url = `http://${HOST}${prefix}/clusters/${clusterId}/topics/${topic}`;
    return {
      kind: 'KafkaDeletedRecordsList',
      metadata: { self: `${url}/records:delete`, next: null },
      data: watermarks.map(([partition, low]) => ({
        kind: 'KafkaDeletedRecords',
        metadata: {
          self: `${url}/partitions/${partition}/offset`,
          resource_name: `crn:///kafka=${clusterId}/topic=${topic}/partition=${partition}`,
        },
        cluster_id: clusterId,
        topic_name: topic,
        partition_id: partition,
        low_watermark: low,
        partition: { related: `${url}/partitions/${partition}` },
      })),
    };
  }

  it('deletes the records before each offset and returns the new low watermarks', async () => {
    const topic = await fullTopic();

    const res = await deleteRecords(topic, {
      partitions: [
        { partition_id: 2, before_offset: -1 },
        { partition_id: 0, before_offset: 4 },
      ],
    });

    await expectToMatchExtensionSpec(res, 'POST', DELETE);
    expect(res.json()).toEqual(
      deletedBody(topic, [
        [0, 4],
        [2, 10],
      ]),
    );
    expect(await kafka.watermarks(topic)).toEqual({
      0: { low: 4, high: 10 },
      1: { low: 0, high: 10 },
      2: { low: 10, high: 10 },
    });
    const offsets = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset`,
    });
    await expectToMatchSpec(
      offsets,
      'GET',
      '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/offset',
    );
    expect(offsets.json()).toMatchObject({ earliest_offset: 4, latest_offset: 10 });
  });

  it('serves /kafka/v3 and leaves an already deleted range as it is', async () => {
    const topic = await fullTopic();
    await kafka.deleteRecordsBefore(topic, 1, 6);

    const res = await deleteRecords(
      topic,
      { partitions: [{ partition_id: 1, before_offset: 3 }] },
      '/kafka/v3',
    );

    await expectToMatchExtensionSpec(res, 'POST', DELETE);
    expect(res.json()).toEqual(deletedBody(topic, [[1, 6]], '/kafka/v3'));
    expect((await kafka.watermarks(topic))[1]).toEqual({ low: 6, high: 10 });
  });

  it('returns 400 (40002) for an offset past the high watermark, and deletes nothing', async () => {
    const topic = await fullTopic();

    const res = await deleteRecords(topic, {
      partitions: [
        { partition_id: 0, before_offset: 5 },
        { partition_id: 1, before_offset: 11 },
      ],
    });

    await expectToMatchExtensionSpec(res, 'POST', DELETE);
    expect(res.json()).toEqual({
      error_code: 40002,
      message: 'Offset 11 is beyond the high watermark 10 of partition 1.',
    });
    expect((await kafka.watermarks(topic))[0]).toEqual({ low: 0, high: 10 });
  });

  it('returns 404 (40403) for an unknown partition or topic', async () => {
    const topic = await fullTopic();
    const partition = await deleteRecords(topic, {
      partitions: [{ partition_id: 3, before_offset: 1 }],
    });
    const unknownTopic = await deleteRecords(uniqueName('no-topic'), {
      partitions: [{ partition_id: 0, before_offset: 1 }],
    });

    for (const res of [partition, unknownTopic]) {
      await expectToMatchExtensionSpec(res, 'POST', DELETE);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    }
  });

  it('returns 404 for an unknown cluster', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v3/clusters/no-such-cluster/topics/any/records:delete',
      payload: { partitions: [{ partition_id: 0, before_offset: 1 }] },
    });
    await expectToMatchExtensionSpec(res, 'POST', DELETE);
    expect(res.json()).toEqual({
      error_code: 404,
      message: 'Cluster no-such-cluster cannot be found.',
    });
  });

  it.each([
    [
      { partitions: [] },
      "Invalid value for 'partitions': Array must contain at least 1 element(s)",
    ],
    [
      { partitions: [{ partition_id: 0 }] },
      "Invalid value for 'partitions.0.before_offset': Required",
    ],
    [
      { partitions: [{ partition_id: 0, before_offset: -2 }] },
      "Invalid value for 'partitions.0.before_offset': Number must be greater than or equal to -1",
    ],
    [
      {
        partitions: [
          { partition_id: 0, before_offset: 1 },
          { partition_id: 0, before_offset: 2 },
        ],
      },
      "Invalid value for 'partitions': each partition_id may appear only once",
    ],
  ])('returns 400 for the invalid body %j', async (payload, message) => {
    const res = await deleteRecords('any-topic', payload);
    await expectToMatchExtensionSpec(res, 'POST', DELETE);
    expect(res.json()).toEqual({ error_code: 400, message });
  });

  it('returns 422 for an unknown field', async () => {
    const res = await deleteRecords('any-topic', {
      partitions: [{ partition_id: 0, before_offset: 1, offset: 1 }],
    });
    await expectToMatchExtensionSpec(res, 'POST', DELETE);
    expect(res.json()).toEqual({ error_code: 422, message: 'Unrecognized field: offset' });
  });
});
