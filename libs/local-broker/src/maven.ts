import { spawn } from 'node:child_process';

const MAVEN_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs Maven in batch mode (never waits for input, gives up after 15 minutes); on failure the
 * error names `what` and carries the end of Maven's output.
 */
export function runMaven(args: string[], what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('mvn', ['-B', '-q', ...args], {
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
          new Error(`Maven could not resolve ${what} (exit ${code}):\n${output.slice(-4000)}`),
        );
      }
    });
  });
}
