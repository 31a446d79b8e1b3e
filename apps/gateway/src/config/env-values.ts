import { z } from 'zod';

/** The value types settings share (Kafka's ConfigDef types, as the environment spells them). */
export const positiveInt = z.coerce.number().int().positive();
export const nonNegativeInt = z.coerce.number().int().nonnegative();

/** BOOLEAN: `true` or `false` in any case, spaces around ignored, as Kafka's ConfigDef parses it. */
export const bool = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['true', 'false']))
  .transform((v) => v === 'true');

/** LIST: comma-separated, entries trimmed, empty ones dropped. */
export const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
