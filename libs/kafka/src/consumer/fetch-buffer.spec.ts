import { describe, expect, it } from 'vitest';
import { ConsumedRecord } from './consumer.types';
import { FetchBuffer } from './fetch-buffer';

const records = (from: number, count: number): ConsumedRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    topic: 't',
    partition: 0,
    offset: from + i,
    timestamp: 0,
    timestampType: 'CREATE_TIME',
    key: null,
    value: Buffer.alloc(10),
    headers: [],
  }));

describe('FetchBuffer', () => {
  it('hands out a fetch in parts, moving the position past exactly what it returned', () => {
    const buffer = new FetchBuffer();
    const positions = new Map([['p', 5]]);
    buffer.put('p', { fetchOffset: 5, records: records(5, 5), nextOffset: 12 });
    expect(buffer.take(positions, Infinity, 2).map((r) => r.offset)).toEqual([5, 6]);
    expect(positions.get('p')).toBe(7);
    expect(buffer.held('p', 7)).toBe(3);
    expect(buffer.end('p', 7)).toBe(12);
    expect(buffer.take(positions, 25).map((r) => r.offset)).toEqual([7, 8]);
    expect(positions.get('p')).toBe(9);
    // The last part moves past trailing control batches too.
    expect(buffer.take(positions, Infinity).map((r) => r.offset)).toEqual([9]);
    expect(positions.get('p')).toBe(12);
    expect(buffer.take(positions, Infinity)).toEqual([]);
  });

  it('drops what it holds once the position moved elsewhere (a seek)', () => {
    const buffer = new FetchBuffer();
    const positions = new Map([['p', 0]]);
    buffer.put('p', { fetchOffset: 0, records: records(0, 3), nextOffset: 3 });
    buffer.take(positions, Infinity, 1);
    positions.set('p', 0);
    expect(buffer.take(positions, Infinity)).toEqual([]);
    expect(buffer.held('p', 0)).toBe(0);
    expect(buffer.end('p', 0)).toBe(0);
  });
});

describe('FetchBuffer fetched ahead', () => {
  it('continues an entry with a fetch that starts where it ends, keeping the records', () => {
    const buffer = new FetchBuffer();
    const positions = new Map([['p', 0]]);
    buffer.put('p', { fetchOffset: 0, records: records(0, 4), nextOffset: 4 });
    const first = buffer.take(positions, Infinity, 3);
    const ahead = records(4, 3);
    buffer.put('p', { fetchOffset: buffer.end('p', 3), records: ahead, nextOffset: 8 });
    expect(buffer.held('p', 3)).toBe(4);
    const rest = buffer.take(positions, Infinity);
    expect([...first, ...rest].map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rest.slice(1)).toEqual(ahead);
    expect(rest[1]).toBe(ahead[0]);
    expect(positions.get('p')).toBe(8);
  });

  it('replaces an entry with a fetch from anywhere else', () => {
    const buffer = new FetchBuffer();
    const positions = new Map([['p', 20]]);
    buffer.put('p', { fetchOffset: 0, records: records(0, 4), nextOffset: 4 });
    buffer.put('p', { fetchOffset: 20, records: records(20, 2), nextOffset: 22 });
    expect(buffer.take(positions, Infinity).map((r) => r.offset)).toEqual([20, 21]);
  });
});

describe('FetchBuffer.peek', () => {
  it('returns what the next take returns, and takes nothing', () => {
    const buffer = new FetchBuffer();
    const positions = new Map([
      ['a', 0],
      ['b', 100],
    ]);
    buffer.put('a', { fetchOffset: 0, records: records(0, 4), nextOffset: 4 });
    buffer.put('b', { fetchOffset: 100, records: records(100, 4), nextOffset: 104 });
    for (let round = 0; round < 3; round++) {
      const peeked = buffer.peek(positions, 35);
      expect(buffer.peek(positions, 35)).toEqual(peeked);
      expect(buffer.take(positions, 35)).toEqual(peeked);
    }
    expect(positions).toEqual(
      new Map([
        ['a', 4],
        ['b', 104],
      ]),
    );
    expect(buffer.peek(positions, 35)).toEqual([]);
  });

  it('skips an entry whose position moved without dropping it', () => {
    const buffer = new FetchBuffer();
    const positions = new Map([['p', 7]]);
    buffer.put('p', { fetchOffset: 0, records: records(0, 3), nextOffset: 3 });
    expect(buffer.peek(positions, Infinity)).toEqual([]);
    positions.set('p', 0);
    expect(buffer.peek(positions, Infinity).map((r) => r.offset)).toEqual([0, 1, 2]);
  });
});
