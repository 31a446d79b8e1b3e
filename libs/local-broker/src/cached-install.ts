import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COMPLETE_MARKER = '.complete';

export function isInstalled(dir: string): boolean {
  return existsSync(join(dir, COMPLETE_MARKER));
}

/**
 * Fills a staging folder next to `dir` and moves it into place only once complete, so an
 * interrupted first run never leaves a half-filled cache; a failed fill leaves nothing behind.
 */
export async function installOnce(
  dir: string,
  fill: (staging: string) => Promise<void>,
): Promise<string> {
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await fill(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(staging, COMPLETE_MARKER), new Date().toISOString());
  // A concurrent first run may have won the race; either copy is complete.
  if (!isInstalled(dir)) {
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } else {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
