import { z } from 'zod';

/** The value types settings share (Kafka's ConfigDef types, as the environment spells them). */
export const positiveInt = z.coerce.number().int().positive();
export const nonNegativeInt = z.coerce.number().int().nonnegative();

/** BOOLEAN: `true` or `false`, in any of the cases Java's Boolean parsing accepts. */
export const bool = z
  .enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False'])
  .transform((v) => v.toLowerCase() === 'true');

/** LIST: comma-separated, entries trimmed, empty ones dropped. */
export const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
