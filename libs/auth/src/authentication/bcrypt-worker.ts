import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RestError } from '@gateway/rest';

/**
 * Checks beyond this many waiting are refused (429): a flood of wrong passwords then costs the
 * worker's one core, never the event loop, and never an unbounded queue.
 */
const MAX_WAITING = 64;

// bcryptjs is resolved from the entry script (dist/.../main.js, or the test runner), whose
// node_modules hold it; an eval'd worker would otherwise resolve from the working directory.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require('node:module').createRequire(workerData.from)('bcryptjs');
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try {
    ok = bcrypt.compareSync(password, hash);
  } catch {}
  parentPort.postMessage({ id, ok });
});
`;

/**
 * bcrypt comparisons on a worker thread: one takes tens of milliseconds of CPU, which bcryptjs
 * would spend on the event loop (in slices of up to ~30 ms), so a stream of wrong passwords
 * would stall every other request. The worker is unref'd: it never keeps the process alive.
 */
export class BcryptWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { worker: Worker; resolve: (ok: boolean) => void; reject: (error: unknown) => void }
  >();

  compare(password: string, hash: string): Promise<boolean> {
    if (this.waiting.size >= MAX_WAITING) {
      return Promise.reject(new RestError('TOO_MANY_PASSWORD_CHECKS'));
    }
    const id = this.nextId++;
    const worker = this.started();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, password, hash });
    });
  }

  private started(): Worker {
    if (this.worker !== undefined) {
      return this.worker;
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { from: process.argv[1] ?? join(process.cwd(), 'index.js') },
    });
    worker.unref();
    worker.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
      this.waiting.get(id)?.resolve(ok);
      this.waiting.delete(id);
    });
    const failed = (error: unknown): void => {
      if (this.worker === worker) {
        this.worker = undefined; // the next check starts a new one
      }
      for (const [id, check] of this.waiting) {
        if (check.worker === worker) {
          check.reject(error);
          this.waiting.delete(id);
        }
      }
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`bcrypt worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

export const bcryptWorker = new BcryptWorker();
