import { readFileSync } from 'node:fs';
import { parse } from 'dot-properties';

export interface ConfigSources {
  /** Every setting in environment-variable form, the properties file overlaid by the env. */
  values: Record<string, string | undefined>;
  propertiesFile?: string;
}

const CONFIG_FLAG = '--config';
const ENV_ENCODING: Record<string, string> = { '.': '_', _: '__', '-': '___' };

/**
 * Confluent's `kafka-rest.properties` (given as `--config <file>`, as the first argument like
 * `kafka-rest-start <file>`, or by KAFKA_REST_CONFIG_FILE) and the environment, merged in the
 * environment-variable form the Confluent image uses: `api.v2.enable` is KAFKA_REST_API_V2_ENABLE.
 * The environment wins.
 */
export function readConfigSources(
  argv: string[],
  env: Record<string, string | undefined>,
): ConfigSources {
  const propertiesFile = propertiesFileArgument(argv) ?? env.KAFKA_REST_CONFIG_FILE;
  if (propertiesFile === undefined || propertiesFile === '') {
    return { values: { ...env } };
  }
  const properties = parse(readFileSync(propertiesFile, 'utf8'));
  const fromFile = Object.fromEntries(
    Object.entries(properties)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [propertyToEnv(name), value]),
  );
  return { values: { ...fromFile, ...env }, propertiesFile };
}

/**
 * The Confluent image's mapping: `.` is `_`, `_` is `__`, `-` is `___`. Our own `gateway.*`
 * properties map to GATEWAY_*, everything else to KAFKA_REST_*.
 */
export function propertyToEnv(name: string): string {
  const encoded = [...name].map((c) => ENV_ENCODING[c] ?? c.toUpperCase()).join('');
  return name.startsWith('gateway.') ? encoded : `KAFKA_REST_${encoded}`;
}

/** The inverse of propertyToEnv, for messages that name settings as users wrote them. */
export function envToProperty(envName: string): string {
  const bare = envName.replace(/^KAFKA_REST_/, '');
  return bare
    .toLowerCase()
    .split('___')
    .map((segment) =>
      segment
        .split('__')
        .map((part) => part.replace(/_/g, '.'))
        .join('_'),
    )
    .join('-');
}

function propertiesFileArgument(argv: string[]): string | undefined {
  const index = argv.indexOf(CONFIG_FLAG);
  if (index >= 0) {
    return argv[index + 1];
  }
  const inline = argv.find((a) => a.startsWith(`${CONFIG_FLAG}=`));
  if (inline !== undefined) {
    return inline.slice(CONFIG_FLAG.length + 1);
  }
  return argv.find((a) => a.endsWith('.properties'));
}
