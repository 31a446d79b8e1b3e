import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireTool } from './required-tools';

export interface KafkaJarsOptions {
  /** The pom-only project that lists the Kafka jars (default: infra/kafka/pom.xml under the cwd). */
  pomFile?: string;
  /** Where the resolved jars are copied (default: ~/.cache/kafka-http-gateway). Outside the repo. */
  cacheDir?: string;
  log?: (line: string) => void;
}

// Keep in sync with <kafka.version> in infra/kafka/pom.xml: it names the cache folder.
export const KAFKA_VERSION = '4.1.2';
const COMPLETE_MARKER = '.complete';
const MAVEN_TIMEOUT_MS = 15 * 60_000;

/**
 * Returns a folder holding the Kafka jars, resolving them with Maven on first use. Maven keeps
 * the downloads in the user's ~/.m2 repository, so a later run (or a wiped cache) fetches nothing.
 */
export async function ensureKafkaJars(options: KafkaJarsOptions = {}): Promise<string> {
  const cacheRoot = options.cacheDir ?? join(homedir(), '.cache', 'kafka-http-gateway');
  const jarsDir = join(cacheRoot, `kafka-${KAFKA_VERSION}`);
  if (existsSync(join(jarsDir, COMPLETE_MARKER))) {
    return jarsDir;
  }
  requireTool('java');
  requireTool('mvn');
  const pomFile = resolve(options.pomFile ?? join(process.cwd(), 'infra', 'kafka', 'pom.xml'));
  if (!existsSync(pomFile)) {
    throw new Error(`Cannot find the Kafka pom at ${pomFile}; run from the repository root.`);
  }
  options.log?.(`Downloading Apache Kafka ${KAFKA_VERSION} jars with Maven (first run only)...`);
  const staging = `${jarsDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await runMaven(pomFile, staging);
  if (!readdirSync(staging).some((name) => name.startsWith('kafka_2.13-'))) {
    throw new Error(`Maven finished but no Kafka jar is in ${staging}.`);
  }
  writeFileSync(join(staging, COMPLETE_MARKER), new Date().toISOString());
  // A concurrent first run may have won the race; either copy is complete.
  if (!existsSync(join(jarsDir, COMPLETE_MARKER))) {
    rmSync(jarsDir, { recursive: true, force: true });
    renameSync(staging, jarsDir);
  } else {
    rmSync(staging, { recursive: true, force: true });
  }
  return jarsDir;
}

function runMaven(pomFile: string, outputDir: string): Promise<void> {
  const args = [
    '-B',
    '-q',
    '-f',
    pomFile,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outputDir}`,
    '-DincludeScope=runtime',
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn('mvn', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: MAVEN_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolvePromise();
      } else {
        reject(
          new Error(
            `Maven could not resolve the Kafka jars (exit ${code}):\n${output.slice(-4000)}`,
          ),
        );
      }
    });
  });
}
