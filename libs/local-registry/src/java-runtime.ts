import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MissingToolError } from '@gateway/local-broker';

/** Apicurio Registry 3.3 is compiled for Java 21 (class file version 65). */
export const MIN_JAVA_VERSION = 21;
const JVM_DIR = '/usr/lib/jvm';

/**
 * The first Java 21+ executable among JAVA_HOME, the `java` on the PATH and the JDKs under
 * /usr/lib/jvm (newest first). Throws a one-line MissingToolError when there is none.
 */
export function findJava(env: NodeJS.ProcessEnv = process.env, jvmDir = JVM_DIR): string {
  for (const candidate of javaCandidates(env, jvmDir)) {
    const version = javaMajorVersion(candidate, env);
    if (version !== undefined && version >= MIN_JAVA_VERSION) {
      return candidate;
    }
  }
  throw new MissingToolError(
    `The local schema registry (Apicurio Registry) needs Java ${MIN_JAVA_VERSION}+, which was not ` +
      'found in JAVA_HOME, on the PATH or under /usr/lib/jvm: install one (for example a Temurin 21 ' +
      'JDK) or set KAFKA_REST_SCHEMA_REGISTRY_URL (tests: SCHEMA_REGISTRY_URL) to an existing registry.',
  );
}

/** Fails fast with a one-line message when Maven cannot be run. */
export function requireMaven(): void {
  const probe = spawnSync('mvn', ['-version'], { stdio: 'ignore', timeout: 15_000 });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new MissingToolError(
      "The local schema registry needs 'mvn' to download Apicurio Registry once: install Apache " +
        'Maven 3.8+ (Debian: apt-get install maven), or set KAFKA_REST_SCHEMA_REGISTRY_URL ' +
        '(tests: SCHEMA_REGISTRY_URL) to an existing registry.',
    );
  }
}

function javaCandidates(env: NodeJS.ProcessEnv, jvmDir: string): string[] {
  const candidates: string[] = [];
  if (env.JAVA_HOME !== undefined && env.JAVA_HOME !== '') {
    candidates.push(join(env.JAVA_HOME, 'bin', 'java'));
  }
  candidates.push('java');
  if (existsSync(jvmDir)) {
    const jdks = readdirSync(jvmDir)
      .map((name) => join(jvmDir, name, 'bin', 'java'))
      .filter((path) => existsSync(path));
    candidates.push(...jdks.sort(byEmbeddedNumberDescending));
  }
  return candidates;
}

/** The major version printed by `java -version` ("17.0.15" → 17, "1.8.0_402" → 8). */
export function parseJavaVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (match === null) {
    return undefined;
  }
  const major = Number(match[1]);
  return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

function javaMajorVersion(executable: string, env: NodeJS.ProcessEnv): number | undefined {
  const probe = spawnSync(executable, ['-version'], { encoding: 'utf8', timeout: 15_000, env });
  if (probe.error !== undefined || probe.status !== 0) {
    return undefined;
  }
  return parseJavaVersion(`${probe.stderr}${probe.stdout}`);
}

function byEmbeddedNumberDescending(a: string, b: string): number {
  const num = (s: string) => Number(/(\d+)/.exec(s)?.[1] ?? 0);
  return num(b) - num(a);
}
