import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Heap in use after a full collection (gc exposed at run time, as --expose-gc would): what is
 * still reachable, so growth here is a leak, unlike RSS, which keeps the heap's free headroom.
 */
export function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}
