import { z } from 'zod';

/**
 * A string body field that also takes a JSON number or boolean, as its text: Jackson reads a
 * scalar into a Java String that way (`{"value": 1000}` sets "1000", `{"topic_name": 42}`
 * names a topic "42"). `text` refines the string (`z.string().min(1)`).
 */
export function scalarString<T extends z.ZodTypeAny = z.ZodString>(text?: T) {
  return z.preprocess((value) => scalarText(value) ?? value, text ?? z.string());
}

/** The text a string field reads from `value` (a string, number or boolean), else undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
