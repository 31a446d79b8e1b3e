import { describe, expect, it } from 'vitest';
import { decodeClassicAssignment } from '../groups/classic-assignment';
import {
  assignRange,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from './consumer-protocol';

describe('consumer protocol', () => {
  it('round-trips a subscription', () => {
    expect(decodeSubscription(encodeSubscription(['a', 'bé']))).toEqual(['a', 'bé']);
  });

  it('encodes a subscription as Kafka does (version 0, topics, null user data)', () => {
    expect(encodeSubscription(['t']).toString('hex')).toBe(
      '0000' + '00000001' + '000174' + 'ffffffff',
    );
  });

  it('round-trips an assignment', () => {
    const partitions = [
      { topic: 'a', partition: 0 },
      { topic: 'a', partition: 2 },
      { topic: 'b', partition: 1 },
    ];
    expect(decodeAssignment(encodeAssignment(partitions))).toEqual(partitions);
  });

  it('decodes an empty or missing assignment as nothing owned', () => {
    expect(decodeAssignment(null)).toEqual([]);
    expect(decodeAssignment(Buffer.alloc(0))).toEqual([]);
    expect(decodeAssignment(encodeAssignment([]))).toEqual([]);
  });
});

describe(assignRange.name, () => {
  it('gives consecutive ranges, the first members one extra', () => {
    const result = assignRange(
      new Map([
        ['m2', ['t']],
        ['m1', ['t']],
      ]),
      new Map([['t', 5]]),
    );
    expect(result.get('m1')!.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(result.get('m2')!.map((p) => p.partition)).toEqual([3, 4]);
  });

  it('assigns a topic only to the members subscribed to it', () => {
    const result = assignRange(
      new Map([
        ['m1', ['t', 'u']],
        ['m2', ['u']],
      ]),
      new Map([
        ['t', 2],
        ['u', 2],
      ]),
    );
    expect(result.get('m1')).toEqual([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
      { topic: 'u', partition: 0 },
    ]);
    expect(result.get('m2')).toEqual([{ topic: 'u', partition: 1 }]);
  });
});

describe('bytes another client wrote', () => {
  // [1 topic claimed as 2^31-1 topics][a string of length -2][...]: trusting the count and the
  // negative length looped 2^31 times and ran the process out of memory.
  const hostile = Buffer.from('00007fffffffffe00000fffa', 'hex');

  it('refuses counts and lengths that do not fit in the bytes', () => {
    expect(() => decodeAssignment(hostile)).toThrow(RangeError);
    expect(() => decodeSubscription(hostile)).toThrow(RangeError);
    expect(decodeClassicAssignment('consumer', hostile)).toEqual([]);
  });

  it('still reads a null array as empty', () => {
    expect(decodeAssignment(Buffer.from('0000ffffffffffffffff', 'hex'))).toEqual([]);
  });
});
