import { ConsumerGroupDescription } from '@gateway/kafka';
import { describe, expect, it } from 'vitest';
import { computeLags, PartitionLag, sortByLag, summarizeLags } from './lag-calculation';

const group: ConsumerGroupDescription = {
  groupId: 'g',
  isSimple: false,
  partitionAssignor: 'range',
  state: 'STABLE',
  type: 'CLASSIC',
  isMixedConsumerGroup: false,
  coordinatorId: 1,
  members: [
    {
      consumerId: 'm1',
      instanceId: 'i1',
      clientId: 'c1',
      clientHost: '/h',
      assignments: [{ topic: 't', partition: 0 }],
    },
  ],
};

function lag(topic: string, partition: number, value: number): PartitionLag {
  return {
    topic,
    partition,
    currentOffset: 0,
    logEndOffset: value,
    lag: value,
    consumerId: '',
    instanceId: null,
    clientId: '',
  };
}

describe(computeLags.name, () => {
  it('subtracts the committed offset from the log end and names the owner', () => {
    const lags = computeLags(
      group,
      [
        { topic: 't', partition: 0, offset: 4 },
        { topic: 't', partition: 1, offset: 7 },
      ],
      [
        { topic: 't', partition: 0, offset: 10 },
        { topic: 't', partition: 1, offset: 7 },
      ],
    );
    expect(lags).toEqual([
      {
        topic: 't',
        partition: 0,
        currentOffset: 4,
        logEndOffset: 10,
        lag: 6,
        consumerId: 'm1',
        instanceId: 'i1',
        clientId: 'c1',
      },
      {
        topic: 't',
        partition: 1,
        currentOffset: 7,
        logEndOffset: 7,
        lag: 0,
        consumerId: '',
        instanceId: null,
        clientId: '',
      },
    ]);
  });

  it('skips partitions whose log end is unknown', () => {
    const lags = computeLags(
      group,
      [{ topic: 't', partition: 0, offset: 1 }],
      [{ topic: 't', partition: 0, offset: null }],
    );
    expect(lags).toEqual([]);
  });

  it('keeps a negative lag when the group committed past the end', () => {
    const [only] = computeLags(
      group,
      [{ topic: 't', partition: 0, offset: 12 }],
      [{ topic: 't', partition: 0, offset: 10 }],
    );
    expect(only.lag).toBe(-2);
  });
});

describe(sortByLag.name, () => {
  it('orders by lag descending, then topic, then partition', () => {
    const sorted = sortByLag([lag('b', 0, 5), lag('a', 1, 5), lag('a', 0, 5), lag('a', 2, 9)]);
    expect(sorted.map((l) => `${l.topic}-${l.partition}`)).toEqual(['a-2', 'a-0', 'a-1', 'b-0']);
  });
});

describe(summarizeLags.name, () => {
  it('keeps the first largest lag and adds up the total', () => {
    const summary = summarizeLags([lag('a', 0, 3), lag('a', 1, 8), lag('b', 0, 8)]);
    expect(summary?.max).toMatchObject({ topic: 'a', partition: 1 });
    expect(summary).toMatchObject({ maxLag: 8, totalLag: 19 });
  });

  it('counts negative lags as 0', () => {
    const summary = summarizeLags([lag('a', 0, -4), lag('a', 1, 2)]);
    expect(summary).toMatchObject({ maxLag: 2, totalLag: 2 });
    expect(summarizeLags([lag('a', 0, -4)])).toMatchObject({ maxLag: 0, totalLag: 0 });
  });

  it('has nothing to summarize without lags', () => {
    expect(summarizeLags([])).toBeUndefined();
  });
});
