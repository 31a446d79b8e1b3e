import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeKafka } from '@gateway/kafka';
import {
  BrokerNodeSpec,
  BrokerOverrides,
  brokerJvmFlags,
  brokerProperties,
  log4jProperties,
  SaslUsers,
  scramFormatArgs,
} from './broker-properties';
import { freePorts } from './free-port';
import { ensureKafkaJars, KafkaJarsOptions } from './kafka-jars';
import { requireTool } from './required-tools';

export interface LocalKafkaOptions extends KafkaJarsOptions {
  /** 1 (default) or 3 combined broker+controller nodes. */
  brokers?: 1 | 3;
  heapMb?: number;
  startTimeoutMs?: number;
  /** Also open a SASL_PLAINTEXT listener with these users (PLAIN and SCRAM) and super users. */
  sasl?: SaslUsers;
  /**
   * Properties every node gets instead of ours, e.g. `{ 'auto.create.topics.enable': true }`
   * (ours turns it off; Kafka's own default is on).
   */
  brokerOverrides?: BrokerOverrides;
}

interface RunningNode extends BrokerNodeSpec {
  dir: string;
  process?: ChildProcess;
}

const DEFAULT_START_TIMEOUT_MS = 120_000;

/**
 * A real Apache Kafka cluster in KRaft mode on free loopback ports, started from the Maven-fetched
 * jars. Its data lives in a temporary folder that is removed on stop, on process exit, and by a
 * watchdog when the parent process is killed outright.
 */
export class LocalKafkaCluster {
  private stopped = false;
  private readonly onExit = () => this.stopSync();

  private constructor(
    readonly clusterId: string,
    private readonly rootDir: string,
    private readonly classpath: string,
    private readonly heapMb: number,
    private readonly nodes: RunningNode[],
    private readonly sasl?: SaslUsers,
    private readonly overrides: BrokerOverrides = {},
  ) {}

  get bootstrapServers(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.brokerPort}`).join(',');
  }

  /** The SASL_PLAINTEXT listeners, when started with `sasl`. */
  get saslBootstrapServers(): string | undefined {
    return this.sasl === undefined
      ? undefined
      : this.nodes.map((n) => `127.0.0.1:${n.saslPort}`).join(',');
  }

  get nodeIds(): number[] {
    return this.nodes.map((n) => n.nodeId);
  }

  static async start(options: LocalKafkaOptions = {}): Promise<LocalKafkaCluster> {
    requireTool('java');
    const jarsDir = await ensureKafkaJars(options);
    const rootDir = mkdtempSync(join(tmpdir(), 'kafka-gateway-'));
    const nodes = await allocateNodes(rootDir, options.brokers ?? 1, options.sasl !== undefined);
    const clusterId = randomClusterId();
    const cluster = new LocalKafkaCluster(
      clusterId,
      rootDir,
      join(jarsDir, '*'),
      options.heapMb ?? 512,
      nodes,
      options.sasl,
      options.brokerOverrides,
    );
    process.once('exit', cluster.onExit);
    try {
      await Promise.all(nodes.map((node) => cluster.format(node)));
      nodes.forEach((node) => cluster.launch(node));
      await cluster.waitUntilReady(options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Stops every node (SIGTERM, then SIGKILL) and deletes the data. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    await Promise.all(this.nodes.map((node) => this.stopNode(node, 'SIGTERM')));
    this.stopSync();
  }

  /** Kills one node abruptly (fault tests). Its data is kept so it can be restarted. */
  async killBroker(nodeId: number): Promise<void> {
    await this.stopNode(this.node(nodeId), 'SIGKILL');
  }

  /**
   * Freezes one node (SIGSTOP) or thaws it (SIGCONT), for fault tests: a hung broker keeps its
   * connections open and answers nothing, unlike a dead one.
   */
  freezeBroker(nodeId: number, frozen: boolean): void {
    this.node(nodeId).process?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  /** Starts a node that was killed, with its data, and waits until the cluster answers. */
  async restartBroker(nodeId: number): Promise<void> {
    this.launch(this.node(nodeId));
    await this.waitUntilReady(DEFAULT_START_TIMEOUT_MS);
  }

  private node(nodeId: number): RunningNode {
    const node = this.nodes.find((n) => n.nodeId === nodeId);
    if (node === undefined) {
      throw new Error(`No local broker with node id ${nodeId}`);
    }
    return node;
  }

  private async format(node: RunningNode): Promise<void> {
    const props = join(node.dir, 'server.properties');
    writeFileSync(props, brokerProperties(node, this.nodes, this.sasl, this.overrides));
    writeFileSync(
      join(node.dir, 'log4j2.properties'),
      log4jProperties(join(node.dir, 'kafka.log')),
    );
    await runJava(
      this.javaArgs(node, [
        'kafka.tools.StorageTool',
        'format',
        '-t',
        this.clusterId,
        '-c',
        props,
        ...scramFormatArgs(this.sasl),
      ]),
    );
  }

  private launch(node: RunningNode): void {
    const args = this.javaArgs(node, ['kafka.Kafka', join(node.dir, 'server.properties')]);
    const child = spawn('java', args, { stdio: 'ignore' });
    node.process = child;
    child.on('exit', () => {
      if (node.process === child) {
        node.process = undefined;
      }
    });
    startWatchdog(child.pid, this.rootDir);
  }

  private javaArgs(node: RunningNode, main: string[]): string[] {
    return [
      `-Xms64m`,
      `-Xmx${this.heapMb}m`,
      '-XX:+UseSerialGC',
      ...brokerJvmFlags(this.sasl),
      `-Dlog4j2.configurationFile=${join(node.dir, 'log4j2.properties')}`,
      '-cp',
      this.classpath,
      ...main,
    ];
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      const dead = this.nodes.find((n) => n.process === undefined);
      if (dead !== undefined) {
        throw new Error(`Kafka node ${dead.nodeId} exited during start:\n${this.logTail(dead)}`);
      }
      try {
        const info = await probeKafka(this.bootstrapServers, 5_000);
        if (info.brokerCount === this.nodes.length) {
          return;
        }
        lastError = new Error(`${info.brokerCount} of ${this.nodes.length} brokers registered`);
      } catch (error) {
        lastError = error;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`Kafka did not become ready in ${timeoutMs} ms: ${String(lastError)}`);
  }

  private logTail(node: RunningNode): string {
    try {
      return readFileSync(join(node.dir, 'kafka.log'), 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(no log written)';
    }
  }

  private stopNode(node: RunningNode, signal: NodeJS.Signals): Promise<void> {
    const child = node.process;
    if (child === undefined || child.exitCode !== null) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  }

  /** Synchronous so it can run in a process 'exit' handler. */
  private stopSync(): void {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    process.removeListener('exit', this.onExit);
    for (const node of this.nodes) {
      node.process?.kill('SIGKILL');
    }
    rmSync(this.rootDir, { recursive: true, force: true });
  }
}

/**
 * Kafka's Uuid text form: 16 random bytes, base64url without padding. StorageTool reads an id
 * starting with '-' as an option, so draw again in that case (1 in 64).
 */
function randomClusterId(): string {
  let id = randomBytes(16).toString('base64url');
  while (id.startsWith('-')) {
    id = randomBytes(16).toString('base64url');
  }
  return id;
}

async function allocateNodes(
  rootDir: string,
  count: number,
  withSasl = false,
): Promise<RunningNode[]> {
  const nodes: RunningNode[] = [];
  const perNode = withSasl ? 3 : 2;
  const ports = await freePorts(count * perNode);
  for (let i = 1; i <= count; i++) {
    const dir = join(rootDir, `node-${i}`);
    mkdirSync(dir, { recursive: true });
    const [brokerPort, controllerPort, saslPort] = ports.slice((i - 1) * perNode, i * perNode);
    nodes.push({
      nodeId: i,
      brokerPort,
      controllerPort,
      saslPort,
      logDir: join(dir, 'data'),
      dir,
    });
  }
  return nodes;
}

function runJava(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`java ${args.at(-5)} failed:\n${output}`)),
    );
  });
}

/**
 * A detached shell that outlives us: when this process dies (even by SIGKILL, when no exit
 * handler runs) it kills the broker and removes the data folder.
 */
function startWatchdog(brokerPid: number | undefined, dataDir: string): void {
  if (brokerPid === undefined) {
    return;
  }
  const script =
    'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'if ! kill -0 "$0" 2>/dev/null; then kill -9 "$1" 2>/dev/null; sleep 1; rm -rf "$2"; fi';
  const watchdog = spawn('sh', ['-c', script, String(process.pid), String(brokerPid), dataDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
}
