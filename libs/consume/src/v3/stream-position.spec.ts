import { describe, expect, it } from 'vitest';
import { JsonBytes } from '../shared/json-bytes';
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

  it('rejects partitions beyond a Java int and offsets beyond 2^53 (Kafka requests cannot carry them)', () => {
    expect(decodePositions('2147483648:0')).toBeUndefined();
    expect(decodePositions('0:9007199254740992')).toBeUndefined();
    expect(decodePositions(`0:${'9'.repeat(400)}`)).toBeUndefined();
    expect(decodePositions('2147483647:9007199254740991')).toEqual(
      new Map([[2147483647, 9007199254740991]]),
    );
  });
});

describe(PositionsEncoder.name, () => {
  it('writes the same id as encodePositions after each move, new partitions included', () => {
    const positions = new Map([
      [2, 5],
      [0, 42],
    ]);
    const encoder = new PositionsEncoder(positions);
    const id = (): string => {
      const out = new JsonBytes(4);
      encoder.write(out);
      return out.toBuffer().toString('latin1');
    };
    for (const [partition, offset] of [
      [0, 43],
      [2, 6],
      [1, 0],
      [0, 12_345_678_901],
    ]) {
      positions.set(partition, offset);
      encoder.move(partition, offset);
      expect(id()).toBe(encodePositions(positions));
      expect(id().length).toBeLessThanOrEqual(encoder.maxLength);
    }
    encoder.move(1, 1);
    expect(id()).toBe('0:12345678901,1:1,2:6');
  });
});
