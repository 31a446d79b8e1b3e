import { installOnce, isInstalled, runMaven } from '@gateway/local-broker';
import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireMaven } from './java-runtime';

export interface ApicurioDistOptions {
  /** The pom-only project naming the distribution (default: infra/apicurio/pom.xml under the cwd). */
  pomFile?: string;
  /** Where the distribution is unpacked (default: ~/.cache/kafka-http-gateway). Outside the repo. */
  cacheDir?: string;
  log?: (line: string) => void;
}

// Keep in sync with <apicurio.version> in infra/apicurio/pom.xml: it names the cache folder.
export const APICURIO_VERSION = '3.3.3';
// unpack-dependencies skips artifacts it has a marker for; keep markers in the staging folder
// (not in infra/apicurio/target) so every first run really unpacks.
const MARKERS_DIR = '.maven-markers';

/**
 * Returns the folder holding Apicurio Registry's quarkus-run.jar, unpacking the Maven-fetched
 * `all` tar.gz on first use. Maven keeps the download in ~/.m2, so a wiped cache downloads nothing.
 */
export async function ensureApicurio(options: ApicurioDistOptions = {}): Promise<string> {
  const cacheRoot = options.cacheDir ?? join(homedir(), '.cache', 'kafka-http-gateway');
  const distDir = join(cacheRoot, `apicurio-registry-${APICURIO_VERSION}`);
  if (isInstalled(distDir)) {
    return distDir;
  }
  requireMaven();
  const pomFile = resolve(options.pomFile ?? join(process.cwd(), 'infra', 'apicurio', 'pom.xml'));
  if (!existsSync(pomFile)) {
    throw new Error(`Cannot find the Apicurio pom at ${pomFile}; run from the repository root.`);
  }
  options.log?.(`Downloading Apicurio Registry ${APICURIO_VERSION} with Maven (first run only)...`);
  return installOnce(distDir, async (staging) => {
    await runMaven(
      [
        '-f',
        pomFile,
        'dependency:unpack-dependencies',
        `-DoutputDirectory=${staging}`,
        '-DincludeTypes=tar.gz',
        `-DmarkersDirectory=${join(staging, MARKERS_DIR)}`,
      ],
      'Apicurio Registry',
    );
    if (!existsSync(join(staging, 'quarkus-run.jar'))) {
      throw new Error(`Maven finished but no quarkus-run.jar is in ${staging}.`);
    }
    rmSync(join(staging, MARKERS_DIR), { recursive: true, force: true });
  });
}
