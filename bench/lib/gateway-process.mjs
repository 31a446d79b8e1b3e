import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
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
 * Starts the built gateway (dist/apps/gateway/main.js) as its own process, so its memory is
 * measured apart from the load generator. Without KAFKA_BOOTSTRAP_SERVERS it starts its local
 * broker; either way the broker address is read from its start-up line.
 */
export async function startGateway(env, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...nodeArgs, process.env.BENCH_GATEWAY_MAIN ?? 'dist/apps/gateway/main.js'],
    {
      env: { ...process.env, ...env, KAFKA_REST_LISTENERS: `http://127.0.0.1:${port}` },
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
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    bootstrap,
    rss: new RssSampler(child.pid),
  };
}

export async function stopGateway(gateway) {
  gateway.rss.stop();
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
  gateway.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

/** Samples a process's resident memory every 50 ms; `phase()` starts a new peak. */
export class RssSampler {
  constructor(pid) {
    this.pid = pid;
    this.peak = 0;
    this.timer = setInterval(() => this.sample(), 50);
  }

  sample() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.peak = Math.max(this.peak, kb * 1024);
    } catch {
      // the process is gone
    }
  }

  /** Peak RSS since the last call, then starts measuring the next phase. */
  phase() {
    this.sample();
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }

  /** VmHWM: the highest RSS of the whole process life. */
  highWaterMark() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  }

  stop() {
    clearInterval(this.timer);
  }
}
