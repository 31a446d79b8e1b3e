import { describe, expect, it } from 'vitest';
import { decodePositions, encodePositions } from './stream-position';

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
