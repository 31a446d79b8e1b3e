import { randomBytes } from 'node:crypto';

/** Tests isolate themselves by name, never by cleanup: `produce-<hex>-<pid>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}-${process.pid}`;
}
