// Runs autocannon in a process of its own, so the load generator measures latency without the
// bench's heap (the streaming phase's million records and latencies) pausing it for GC.
//   node bench/lib/autocannon-process.mjs '<autocannon options as JSON>'
// prints the result as JSON, with `cpuUs`: this process's own CPU time (user + system) in µs.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SELF = fileURLToPath(import.meta.url);

/** Runs autocannon with `options` in a child process; resolves with its result. */
export function autocannonInChild(options) {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, [JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out))
        : reject(new Error(`autocannon process exited (${code})`)),
    );
  });
}

if (process.argv[1] === SELF) {
  const cpu = process.cpuUsage();
  autocannon(JSON.parse(process.argv[2]), (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ ...result, cpuUs: used.user + used.system }));
    process.exit(0);
  });
}
