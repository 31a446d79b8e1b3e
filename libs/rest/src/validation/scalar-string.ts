import { z } from 'zod';

/**
 * A string body field that also takes a JSON number or boolean, as its text: Jackson reads a
 * scalar into a Java String that way (`{"value": 1000}` sets "1000"), and clients writing
 * config values by hand often send numbers.
 */
export function scalarString() {
  return z.union([z.string(), z.number(), z.boolean()]).transform(String);
}
