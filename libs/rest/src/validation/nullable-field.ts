import { z } from 'zod';

/**
 * An optional body field that may also be sent as null: kafka-rest's entities declare such
 * fields `@Nullable` and read null as absent, and Java clients (its own tests' included) write
 * unset fields as null. Null reads as undefined, so callers see one "absent".
 */
export function nullableField<T extends z.ZodTypeAny>(type: T) {
  return type.nullish().transform((value: z.output<T> | null | undefined) => value ?? undefined);
}
