import { JsonRecordSplitter } from './json-record-splitter';

/**
 * The text of the first JSON value of a body, or undefined when none is complete. kafka-rest's
 * Jackson provider reads one value and never looks at what follows it, so `{}}` or
 * `{"a":1} junk` is read as its first value.
 */
export function firstJsonValue(text: string): string | undefined {
  let first: Buffer | undefined;
  const splitter = new JsonRecordSplitter(Infinity);
  const take = (bytes: Buffer): void => {
    first ??= bytes;
    splitter.stop();
  };
  splitter.push(Buffer.from(text, 'utf8'), take);
  if (first === undefined) {
    splitter.end(take);
  }
  return first?.toString('utf8');
}
