import { describe, expect, it } from 'vitest';
import { firstJsonValue } from './first-json-value';

describe('firstJsonValue', () => {
  it.each([
    ['{}}', '{}'],
    ['  {"a":"}"} {"b":2}', '{"a":"}"}'],
    ['[1,[2]]]', '[1,[2]]'],
    ['"x\\"y" tail', '"x\\"y"'],
    ['12 34', '12'],
    ['true', 'true'],
  ])('reads %j as %j', (text, first) => {
    expect(firstJsonValue(text)).toBe(first);
  });

  it('finds nothing in an unfinished or empty body', () => {
    expect(firstJsonValue('{"a":1')).toBeUndefined();
    expect(firstJsonValue('   ')).toBeUndefined();
  });
});
