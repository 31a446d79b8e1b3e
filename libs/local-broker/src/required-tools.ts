import { spawnSync } from 'node:child_process';

/** Thrown when a tool the local broker needs is not installed; the message is one actionable line. */
export class MissingToolError extends Error {}

const INSTALL_HINTS: Record<string, string> = {
  java: 'install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)',
  mvn: 'install Apache Maven 3.8+ (Debian: apt-get install maven)',
};

/** Fails fast (never hangs) when `command` cannot be run. */
export function requireTool(command: 'java' | 'mvn'): void {
  const probe = spawnSync(command, ['-version'], { stdio: 'ignore', timeout: 15_000 });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new MissingToolError(
      `The local Kafka broker needs '${command}', which was not found: ${INSTALL_HINTS[command]}, ` +
        'or set KAFKA_BOOTSTRAP_SERVERS to use an existing cluster.',
    );
  }
}
