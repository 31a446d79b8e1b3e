import { ConfigEntry } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { toConfigFields } from '../topic-configs/abstract-config.mapper';
import { ClusterConfigData } from './cluster-configs.dto';

export function clusterConfigsPath(clusterId: string): string[] {
  return ['clusters', clusterId, 'broker-configs'];
}

export function toClusterConfigData(
  clusterId: string,
  config: ConfigEntry,
  urls: ResourceUrls,
): ClusterConfigData {
  const { cluster_id, ...fields } = toConfigFields(clusterId, config);
  return {
    ...urls.resource(
      'KafkaClusterConfig',
      [...clusterConfigsPath(clusterId), config.name],
      [
        ['kafka', clusterId],
        ['broker-config', config.name],
      ],
    ),
    cluster_id,
    config_type: 'BROKER',
    ...fields,
  };
}
