import { describe, expect, it } from 'vitest';
import { decodePositions, encodePositions, PositionsEncoder } from './stream-position';

describe(encodePositions.name, () => {
  it('writes partition:offset pairs in partition order', () => {
    expect(
      encodePositions(
        new Map([
          [2, 5],
          [0, 42],
          [1, 0],
        ]),
      ),
    ).toBe('0:42,1:0,2:5');
  });
});

describe(decodePositions.name, () => {
  it('reads back what encodePositions wrote', () => {
    const positions = new Map([
      [0, 42],
      [1, 17],
    ]);
    expect(decodePositions(encodePositions(positions))).toEqual(positions);
  });

  it('rejects anything else', () => {
    expect(decodePositions('')).toBeUndefined();
    expect(decodePositions('0:1,x')).toBeUndefined();
    expect(decodePositions('0:-1')).toBeUndefined();
  });
});

describe(PositionsEncoder.name, () => {
  it('writes the same id as encodePositions after each move, new partitions included', () => {
    const positions = new Map([
      [2, 5],
      [0, 42],
    ]);
    const encoder = new PositionsEncoder(positions);
    for (const [partition, offset] of [
      [0, 43],
      [2, 6],
      [1, 0],
      [0, 44],
    ]) {
      positions.set(partition, offset);
      expect(encoder.set(partition, offset)).toBe(encodePositions(positions));
    }
    expect(encoder.set(1, 1)).toBe('0:44,1:1,2:6');
  });
});
