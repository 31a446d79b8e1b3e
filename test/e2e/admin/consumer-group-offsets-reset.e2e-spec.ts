import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchExtensionSpec } from '../../support/extension-openapi';
import { GroupFixtures } from '../../support/kafka-clients';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const HOST = 'gw.test:8082';
const RESET = '/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/offsets:reset';

// Record timestamps the test writes: partition 0 holds 5 old then 5 new records.
const OLD = Date.parse('2024-01-01T00:00:00Z');
const NEW = Date.parse('2024-06-01T00:00:00Z');

describe('POST /v3/clusters/:cluster_id/consumer-groups/:consumer_group_id/offsets:reset (extension)', () => {
  let app: NestFastifyApplication;
  let kafka: GroupFixtures;
  let clusterId: string;
  // Two partitions of 10 records; partition 1 starts at offset 2 (records 0-1 deleted).
  let topic: string;

  beforeAll(async () => {
    app = await createTestApp();
    kafka = new GroupFixtures();
    clusterId = await new TestContext(app).clusterId();
    topic = await kafka.createTopic(uniqueName('reset'), 2);
    await kafka.produce(topic, 0, 5, OLD);
    await kafka.produce(topic, 0, 5, NEW);
    await kafka.produce(topic, 1, 10, OLD);
    await kafka.deleteRecordsBefore(topic, 1, 2);
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  /** A group without members whose committed offsets are {0: 3, 1: 4}. */
  async function idleGroup(): Promise<string> {
    const groupId = uniqueName('reset-group');
    await kafka.commit(groupId, topic, { 0: 3, 1: 4 });
    return groupId;
  }

  function reset(groupId: string, payload: unknown, prefix = '/v3') {
    return app.inject({
      method: 'POST',
      url: `${prefix}/clusters/${clusterId}/consumer-groups/${groupId}/offsets:reset`,
      headers: { host: HOST },
      payload: payload as object,
    });
  }

  function resetBody(
    groupId: string,
    strategy: string,
    dryRun: boolean,
    offsets: [partition: number, previous: number | null, next: number][],
    prefix = '/v3',
  ) {
    const url = `http://${HOST}${prefix}/clusters/${clusterId}`;
    return {
      kind: 'KafkaConsumerGroupOffsetsReset',
      metadata: { self: `${url}/consumer-groups/${groupId}/offsets:reset` },
      cluster_id: clusterId,
      consumer_group_id: groupId,
      strategy,
      dry_run: dryRun,
      offsets: offsets.map(([partition, previous, next]) => ({
        topic_name: topic,
        partition_id: partition,
        previous_offset: previous,
        new_offset: next,
        partition: { related: `${url}/topics/${topic}/partitions/${partition}` },
        lag: {
          related: `${url}/consumer-groups/${groupId}/lags/${topic}/partitions/${partition}`,
        },
      })),
    };
  }

  it('computes EARLIEST without committing anything on a dry run', async () => {
    const groupId = await idleGroup();

    const res = await reset(groupId, { strategy: 'EARLIEST', dry_run: true });

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual(
      resetBody(groupId, 'EARLIEST', true, [
        [0, 3, 0],
        [1, 4, 2],
      ]),
    );
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 3, 1: 4 });
  });

  it('commits EARLIEST: the low watermark of each partition', async () => {
    const groupId = await idleGroup();

    const res = await reset(groupId, { strategy: 'earliest' });

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual(
      resetBody(groupId, 'EARLIEST', false, [
        [0, 3, 0],
        [1, 4, 2],
      ]),
    );
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 0, 1: 2 });
  });

  it('commits LATEST: the high watermark of each partition', async () => {
    const groupId = await idleGroup();

    const res = await reset(groupId, { strategy: 'LATEST' }, '/kafka/v3');

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual(
      resetBody(
        groupId,
        'LATEST',
        false,
        [
          [0, 3, 10],
          [1, 4, 10],
        ],
        '/kafka/v3',
      ),
    );
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 10, 1: 10 });
  });

  it('commits TO_OFFSET on the chosen partitions only, clamped into the log', async () => {
    const groupId = await idleGroup();

    const one = await reset(groupId, {
      strategy: 'TO_OFFSET',
      offset: 7,
      topics: [{ topic_name: topic, partition_ids: [0] }],
    });
    const clamped = await reset(groupId, {
      strategy: 'TO_OFFSET',
      offset: 0,
      topics: [{ topic_name: topic, partition_ids: [1] }],
      dry_run: true,
    });
    const beyond = await reset(groupId, { strategy: 'TO_OFFSET', offset: 100, dry_run: true });

    await expectToMatchExtensionSpec(one, 'POST', RESET);
    expect(one.json()).toEqual(resetBody(groupId, 'TO_OFFSET', false, [[0, 3, 7]]));
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 7, 1: 4 });
    await expectToMatchExtensionSpec(clamped, 'POST', RESET);
    expect(clamped.json()).toEqual(resetBody(groupId, 'TO_OFFSET', true, [[1, 4, 2]]));
    await expectToMatchExtensionSpec(beyond, 'POST', RESET);
    expect(beyond.json()).toEqual(
      resetBody(groupId, 'TO_OFFSET', true, [
        [0, 7, 10],
        [1, 4, 10],
      ]),
    );
  });

  it('commits TO_TIMESTAMP: the first record at or after it, or the end of the log', async () => {
    const groupId = await idleGroup();

    const res = await reset(groupId, {
      strategy: 'TO_TIMESTAMP',
      timestamp: new Date(NEW).toISOString(),
    });

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual(
      resetBody(groupId, 'TO_TIMESTAMP', false, [
        [0, 3, 5],
        [1, 4, 10],
      ]),
    );
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 5, 1: 10 });
  });

  // Kafka reads negative times as sentinels (-1 latest, -3 the max-timestamp record): a time
  // before 1970 must still mean the first record at or after it.
  it('resets TO_TIMESTAMP before 1970 to the first record of each partition', async () => {
    const groupId = await idleGroup();
    for (const timestamp of [
      '1969-12-31T23:59:59.999Z',
      '1969-12-31T23:59:59.998Z',
      '1969-12-31T23:59:59.997Z',
      '1969-12-31T23:59:59.990Z',
      '1960-01-01T00:00:00Z',
    ]) {
      const res = await reset(groupId, { strategy: 'TO_TIMESTAMP', timestamp, dry_run: true });
      await expectToMatchExtensionSpec(res, 'POST', RESET);
      expect(res.json(), timestamp).toEqual(
        resetBody(groupId, 'TO_TIMESTAMP', true, [
          [0, 3, 0],
          [1, 4, 2],
        ]),
      );
    }
  });

  it('commits SHIFT_BY from the committed offsets, clamped into the log', async () => {
    const groupId = await idleGroup();

    const back = await reset(groupId, { strategy: 'SHIFT_BY', shift: -3 });
    const forward = await reset(groupId, { strategy: 'SHIFT_BY', shift: 5, dry_run: true });

    await expectToMatchExtensionSpec(back, 'POST', RESET);
    expect(back.json()).toEqual(
      resetBody(groupId, 'SHIFT_BY', false, [
        [0, 3, 0],
        [1, 4, 2],
      ]),
    );
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 0, 1: 2 });
    await expectToMatchExtensionSpec(forward, 'POST', RESET);
    expect(forward.json()).toEqual(
      resetBody(groupId, 'SHIFT_BY', true, [
        [0, 0, 5],
        [1, 2, 7],
      ]),
    );
  });

  it('returns 400 for SHIFT_BY on a partition without a committed offset', async () => {
    const groupId = uniqueName('shift-new');
    await kafka.commit(groupId, topic, { 0: 3 });

    const res = await reset(groupId, {
      strategy: 'SHIFT_BY',
      shift: 1,
      topics: [{ topic_name: topic }],
    });

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual({
      error_code: 400,
      message: `Partition 1 of topic '${topic}' has no committed offset to shift.`,
    });
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 3 });
  });

  it('seeds the offsets of a group Kafka does not know yet', async () => {
    const groupId = uniqueName('new-group');

    const res = await reset(groupId, {
      strategy: 'TO_OFFSET',
      offset: 6,
      topics: [{ topic_name: topic }],
    });

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual(
      resetBody(groupId, 'TO_OFFSET', false, [
        [0, null, 6],
        [1, null, 6],
      ]),
    );
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 6, 1: 6 });
  });

  it('returns 409 with error 40904 while the group has members, and commits nothing', async () => {
    const groupId = uniqueName('active-reset');
    await kafka.commit(groupId, topic, { 0: 1, 1: 3 });
    await kafka.joinMembers(groupId, topic, ['reset-active-client']);

    const res = await reset(groupId, { strategy: 'LATEST' });

    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual({
      error_code: 40904,
      message: `Cannot reset the offsets of consumer group ${groupId}: it has active members. Stop its consumers first.`,
    });
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 1, 1: 3 });
  });

  it('returns 404 without topics when the group has no committed offsets', async () => {
    const res = await reset(uniqueName('empty'), { strategy: 'LATEST' });
    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual({
      error_code: 404,
      message: 'Consumer group offsets could not be found.',
    });
  });

  it('returns 404 (40403) for an unknown topic or partition', async () => {
    const groupId = await idleGroup();
    const unknownTopic = await reset(groupId, {
      strategy: 'LATEST',
      topics: [{ topic_name: uniqueName('no-topic') }],
    });
    const unknownPartition = await reset(groupId, {
      strategy: 'LATEST',
      topics: [{ topic_name: topic, partition_ids: [0, 9] }],
    });

    for (const res of [unknownTopic, unknownPartition]) {
      await expectToMatchExtensionSpec(res, 'POST', RESET);
      expect(res.json()).toEqual({
        error_code: 40403,
        message: 'This server does not host this topic-partition.',
      });
    }
    expect(await kafka.committed(groupId, topic)).toEqual({ 0: 3, 1: 4 });
  });

  it('returns 404 for an unknown cluster', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v3/clusters/no-such-cluster/consumer-groups/any/offsets:reset',
      payload: { strategy: 'LATEST' },
    });
    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual({
      error_code: 404,
      message: 'Cluster no-such-cluster could not be found.',
    });
  });

  it.each([
    [{ strategy: 'TO_OFFSET' }, "Invalid value for 'offset': required by TO_OFFSET"],
    [{ strategy: 'TO_TIMESTAMP' }, "Invalid value for 'timestamp': required by TO_TIMESTAMP"],
    [{ strategy: 'SHIFT_BY' }, "Invalid value for 'shift': required by SHIFT_BY"],
    [{ strategy: 'LATEST', offset: 3 }, "Invalid value for 'offset': not used by LATEST"],
    [
      { strategy: 'TO_TIMESTAMP', timestamp: 'yesterday' },
      "Invalid value for 'timestamp': Invalid datetime",
    ],
    [{ strategy: 'SOMEWHERE' }, expect.stringMatching(/^Invalid value for 'strategy': /) as string],
  ])('returns 400 for the invalid body %j', async (payload, message) => {
    const res = await reset(await idleGroup(), payload);
    await expectToMatchExtensionSpec(res, 'POST', RESET);
    expect(res.json()).toEqual({ error_code: 400, message });
  });

  it('returns 422 for an unknown field and for an empty body', async () => {
    const unknown = await reset('any', { strategy: 'LATEST', partitions: [0] });
    const empty = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/consumer-groups/any/offsets:reset`,
      headers: { 'content-type': 'application/json' },
    });

    await expectToMatchExtensionSpec(unknown, 'POST', RESET);
    expect(unknown.json()).toEqual({ error_code: 422, message: 'Unrecognized field: partitions' });
    await expectToMatchExtensionSpec(empty, 'POST', RESET);
    expect(empty.json()).toEqual({
      error_code: 42206,
      message: 'Payload error. Request body is empty. Data is required.',
    });
  });
});
