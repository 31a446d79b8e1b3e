import { ConfigEntry } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { toConfigFields } from './abstract-config.mapper';
import { TopicConfigData } from './topic-configs.dto';

export function topicConfigsPath(clusterId: string, topicName: string): string[] {
  return ['clusters', clusterId, 'topics', topicName, 'configs'];
}

export function toTopicConfigData(
  clusterId: string,
  topicName: string,
  config: ConfigEntry,
  urls: ResourceUrls,
): TopicConfigData {
  const { cluster_id, ...fields } = toConfigFields(clusterId, config);
  return {
    ...urls.resource(
      'KafkaTopicConfig',
      [...topicConfigsPath(clusterId, topicName), config.name],
      [
        ['kafka', clusterId],
        ['topic', topicName],
        ['config', config.name],
      ],
    ),
    cluster_id,
    topic_name: topicName,
    ...fields,
  };
}
