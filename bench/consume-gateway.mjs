// Gateway process helpers for bench/consume-bench.mjs (self-contained on purpose).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built gateway (dist/apps/gateway/main.js) in its own process so its memory is
 * measured apart from the load generator; without KAFKA_BOOTSTRAP_SERVERS it starts its local
 * broker, whose address is read from the start-up line.
 */
export async function startGateway(env = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [process.env.BENCH_GATEWAY_MAIN ?? 'dist/apps/gateway/main.js'],
    {
      env: {
        GATEWAY_LOG_LEVEL: 'warn',
        ...process.env,
        ...env,
        KAFKA_REST_LISTENERS: `http://127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr.on('data', (d) => process.stderr.write(`[gateway] ${d}`));
  const bootstrap = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      const match = /^Kafka: ([^\s(]+)/m.exec(out);
      if (match) {
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}):\n${out}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, bootstrap };
}

export async function stopGateway(gateway) {
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
  gateway.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

/** Resident memory of a process, in bytes (Linux /proc). */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}
