import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApicurioDistOptions, ensureApicurio } from './apicurio-dist';
import { freePorts } from '@gateway/local-broker';
import { findJava } from './java-runtime';

export interface LocalSchemaRegistryOptions extends ApicurioDistOptions {
  heapMb?: number;
  startTimeoutMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 120_000;
/** The Confluent-compatible API of Apicurio Registry 3. */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

/**
 * A real schema registry (Apicurio Registry 3, in-memory H2 storage) on a free loopback port,
 * speaking Confluent's Schema Registry API under {@link CCOMPAT_PATH}. Stopped on stop(), on
 * process exit, and by a watchdog when the parent process is killed outright.
 */
export class LocalSchemaRegistry {
  private stopped = false;
  private readonly onExit = () => this.stopSync();

  private constructor(
    private readonly port: number,
    private readonly workDir: string,
    private readonly child: ChildProcess,
  ) {}

  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:41234/apis/ccompat/v7. */
  get url(): string {
    return `http://127.0.0.1:${this.port}${CCOMPAT_PATH}`;
  }

  static async start(options: LocalSchemaRegistryOptions = {}): Promise<LocalSchemaRegistry> {
    const java = findJava();
    const distDir = await ensureApicurio(options);
    const workDir = mkdtempSync(join(tmpdir(), 'schema-registry-'));
    const [port, managementPort] = await freePorts(2);
    const logFd = openSync(join(workDir, 'registry.log'), 'a');
    const child = spawn(
      java,
      [
        ...jvmArgs(options.heapMb ?? 384, workDir, port, managementPort),
        '-jar',
        join(distDir, 'quarkus-run.jar'),
      ],
      { cwd: workDir, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    const registry = new LocalSchemaRegistry(port, workDir, child);
    process.once('exit', registry.onExit);
    startWatchdog(child.pid, workDir);
    try {
      await registry.waitUntilReady(options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    } catch (error) {
      await registry.stop();
      throw error;
    }
    options.log?.(`Schema registry (Apicurio Registry) ready at ${registry.url}`);
    return registry;
  }

  /** Stops the registry (SIGTERM, then SIGKILL) and deletes its work folder. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
        this.child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        this.child.kill('SIGTERM');
      });
    }
    this.stopSync();
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`The schema registry exited during start:\n${this.logTail()}`);
      }
      try {
        const res = await fetch(`${this.url}/subjects`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) {
          return;
        }
        lastError = new Error(`HTTP ${res.status}`);
      } catch (error) {
        lastError = error;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `The schema registry did not become ready in ${timeoutMs} ms: ${String(lastError)}\n${this.logTail()}`,
    );
  }

  private logTail(): string {
    try {
      const log = readFileSync(join(this.workDir, 'registry.log'), 'utf8');
      return log.split('\n').slice(-30).join('\n');
    } catch {
      return '(no log written)';
    }
  }

  /** Synchronous so it can run in a process 'exit' handler. */
  private stopSync(): void {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    process.removeListener('exit', this.onExit);
    this.child.kill('SIGKILL');
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

function jvmArgs(heapMb: number, workDir: string, port: number, managementPort: number): string[] {
  return [
    '-Xms64m',
    `-Xmx${heapMb}m`,
    '-XX:+UseSerialGC',
    // C1 only: a faster start and less CPU on small machines; the registry does little work.
    '-XX:TieredStopAtLevel=1',
    `-Djava.io.tmpdir=${workDir}`,
    '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.http.port=${port}`,
    // The management interface is enabled at build time; keep it off the fixed port 9000.
    '-Dquarkus.management.host=127.0.0.1',
    `-Dquarkus.management.port=${managementPort}`,
    '-Dquarkus.http.access-log.enabled=false',
    '-Dquarkus.log.level=WARN',
    // Confluent matches a looked-up schema by its parsed form, not by its exact text.
    '-Dapicurio.ccompat.use-canonical-hash=true',
  ];
}

/**
 * A detached shell that outlives us: when this process dies (even by SIGKILL, when no exit
 * handler runs) it kills the registry and removes its work folder.
 */
function startWatchdog(registryPid: number | undefined, workDir: string): void {
  if (registryPid === undefined) {
    return;
  }
  const script =
    'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'if ! kill -0 "$0" 2>/dev/null; then kill -9 "$1" 2>/dev/null; sleep 1; rm -rf "$2"; fi';
  const watchdog = spawn('sh', ['-c', script, String(process.pid), String(registryPid), workDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
}
