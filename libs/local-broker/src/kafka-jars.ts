import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { installOnce, isInstalled } from './cached-install';
import { runMaven } from './maven';
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

/**
 * Returns a folder holding the Kafka jars, resolving them with Maven on first use. Maven keeps
 * the downloads in the user's ~/.m2 repository, so a later run (or a wiped cache) fetches nothing.
 */
export async function ensureKafkaJars(options: KafkaJarsOptions = {}): Promise<string> {
  const cacheRoot = options.cacheDir ?? join(homedir(), '.cache', 'kafka-http-gateway');
  const jarsDir = join(cacheRoot, `kafka-${KAFKA_VERSION}`);
  if (isInstalled(jarsDir)) {
    return jarsDir;
  }
  requireTool('java');
  requireTool('mvn');
  const pomFile = resolve(options.pomFile ?? join(process.cwd(), 'infra', 'kafka', 'pom.xml'));
  if (!existsSync(pomFile)) {
    throw new Error(`Cannot find the Kafka pom at ${pomFile}; run from the repository root.`);
  }
  options.log?.(`Downloading Apache Kafka ${KAFKA_VERSION} jars with Maven (first run only)...`);
  return installOnce(jarsDir, async (staging) => {
    await runMaven(
      [
        '-f',
        pomFile,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${staging}`,
        '-DincludeScope=runtime',
      ],
      'the Kafka jars',
    );
    if (!readdirSync(staging).some((name) => name.startsWith('kafka_2.13-'))) {
      throw new Error(`Maven finished but no Kafka jar is in ${staging}.`);
    }
  });
}
