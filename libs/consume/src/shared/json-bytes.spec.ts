import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JsonBytes } from './json-bytes';

describe('JsonBytes', () => {
  it('writes base64 exactly as Buffer#toString does, every padding case, short and long', () => {
    for (let n = 0; n < 600; n++) {
      const bytes = randomBytes(n);
      expect(new JsonBytes(4).base64(bytes).toBuffer().toString('latin1')).toBe(
        bytes.toString('base64'),
      );
    }
  });

  it('grows past its first capacity and keeps what was written, UTF-8 included', () => {
    const out = new JsonBytes(8);
    const expected: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      out.ascii(`{"n":${i}}`).text('"é✓"');
      expected.push(`{"n":${i}}"é✓"`);
    }
    expect(out.toBuffer().toString('utf8')).toBe(expected.join(''));
  });

  it('writes integers as String does, and copies bytes', () => {
    const numbers = [0, 7, 9, 10, 99, 100, 12345, 2 ** 31, 2 ** 53 - 1, -1, 1.5];
    const out = new JsonBytes(4);
    for (const n of numbers) {
      out.int(n).bytes(Buffer.from(','));
    }
    expect(out.toBuffer().toString('latin1')).toBe(numbers.map((n) => `${n},`).join(''));
  });
});
