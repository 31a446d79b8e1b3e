import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter } from './json-record-splitter';

function split(chunks: string[], max = 1_000): { records: string[]; ok: boolean; end?: string } {
  const splitter = new JsonRecordSplitter(max);
  const records: string[] = [];
  for (const chunk of chunks) {
    if (!splitter.push(Buffer.from(chunk), (b) => records.push(b.toString()))) {
      return { records, ok: false };
    }
  }
  return { records, ok: true, end: splitter.end((b) => records.push(b.toString())) };
}

describe(JsonRecordSplitter.name, () => {
  it('splits concatenated objects with or without whitespace between them', () => {
    expect(split(['{"a":1}{"b":2}\r\n {"c":[1,{"d":"}"}]}'])).toEqual({
      records: ['{"a":1}', '{"b":2}', '{"c":[1,{"d":"}"}]}'],
      ok: true,
      end: 'complete',
    });
  });

  it('hands on a value at the first byte JSON cannot have outside a string', () => {
    // (A stream stops at that value, whose parse fails; what follows is not looked at.)
    expect(split(['{"a":1}{ inv', 'alid']).records.slice(0, 2)).toEqual(['{"a":1}', '{ i']);
    // Inside strings anything goes; true/false/null and numbers are not cut.
    expect(split(['{"x":"{ invalid #"}[true,false,null,-1.5e+3]'])).toEqual({
      records: ['{"x":"{ invalid #"}', '[true,false,null,-1.5e+3]'],
      ok: true,
      end: 'complete',
    });
  });

  it('joins a record split across chunks, even inside strings and escapes', () => {
    expect(split(['{"a":"x\\\\', '"}', '{"b":"\\', '"}"}'])).toEqual({
      records: ['{"a":"x\\\\"}', '{"b":"\\"}"}'],
      ok: true,
      end: 'complete',
    });
  });

  it('emits top-level scalars and strings as values of their own', () => {
    expect(split(['12 "s{" true{"a":1}'])).toEqual({
      records: ['12', '"s{"', 'true', '{"a":1}'],
      ok: true,
      end: 'complete',
    });
  });

  it('reports a body that ends inside a value as truncated', () => {
    expect(split(['{"a":1}{"b":'])).toEqual({ records: ['{"a":1}'], ok: true, end: 'truncated' });
  });

  it('refuses a value longer than the limit, after the earlier ones', () => {
    expect(split(['{"a":1}', `{"b":"${'x'.repeat(50)}`], 20)).toEqual({
      records: ['{"a":1}'],
      ok: false,
    });
  });

  it('counts multi-byte characters as bytes', () => {
    expect(split(['{"a":"é"}'], 10).records).toEqual(['{"a":"é"}']);
    expect(split(['{"a":"éé"}'], 10).ok).toBe(false);
  });
});
