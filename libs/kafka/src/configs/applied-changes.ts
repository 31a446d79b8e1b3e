import { ConfigChange, ConfigEntry, ConfigResource, ConfigSource } from './configs.types';

/** The source a change to this resource writes: the level its synonyms report it at. */
function dynamicSource(resource: ConfigResource): ConfigSource {
  switch (resource.type) {
    case 'TOPIC':
      return 'DYNAMIC_TOPIC_CONFIG';
    case 'BROKER':
      return 'DYNAMIC_BROKER_CONFIG';
    case 'BROKER_DEFAULTS':
      return 'DYNAMIC_DEFAULT_BROKER_CONFIG';
  }
}

/**
 * Whether a describe of `resource` already shows every change. A broker answers DescribeConfigs
 * from its metadata image, which trails the controller's commit by a few milliseconds (KRaft):
 * a read right after a write can still see the old value. A hidden (sensitive) value is judged
 * by its source alone.
 */
export function changesVisible(
  resource: ConfigResource,
  entries: ConfigEntry[],
  changes: ConfigChange[],
): boolean {
  const source = dynamicSource(resource);
  return changes.every((change) => {
    const levels = entries
      .filter((e) => e.name === change.name)
      .flatMap((e) => [{ value: e.value, source: e.source }, ...e.synonyms])
      .filter((level) => level.source === source);
    if (change.operation === 'DELETE') {
      return levels.length === 0;
    }
    const asked = change.value;
    return levels.some(
      (level) => level.value === null || asked === null || sameValue(level.value, asked),
    );
  });
}

/**
 * Whether Kafka shows the value asked for. It stores a topic config's value as its type writes
 * it (ConfigDef.convertToString): trimmed, numbers without a sign or leading zeros ("+100" is
 * "100", "1" may be "1.0"), booleans in lower case, lists joined by bare commas.
 */
function sameValue(shown: string, asked: string): boolean {
  const text = asked.trim();
  if (shown === asked || shown === text) {
    return true;
  }
  if (/^(true|false)$/i.test(text)) {
    return shown === text.toLowerCase();
  }
  const number = Number(text);
  if (text !== '' && Number.isFinite(number) && shown !== '' && Number(shown) === number) {
    return true;
  }
  return (
    shown ===
    text
      .split(',')
      .map((item) => item.trim())
      .join(',')
  );
}
