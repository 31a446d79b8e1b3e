import { ConfigEntry } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { toConfigFields } from '../topic-configs/abstract-config.mapper';
import { BrokerConfigData } from './broker-configs.dto';

export function brokerConfigsPath(clusterId: string, brokerId: number | '-'): (string | number)[] {
  return ['clusters', clusterId, 'brokers', brokerId, 'configs'];
}

export function toBrokerConfigData(
  clusterId: string,
  brokerId: number,
  config: ConfigEntry,
  urls: ResourceUrls,
): BrokerConfigData {
  const { cluster_id, ...fields } = toConfigFields(clusterId, config);
  return {
    ...urls.resource(
      'KafkaBrokerConfig',
      [...brokerConfigsPath(clusterId, brokerId), config.name],
      [
        ['kafka', clusterId],
        ['broker', brokerId],
        ['config', config.name],
      ],
    ),
    cluster_id,
    broker_id: brokerId,
    ...fields,
  };
}
