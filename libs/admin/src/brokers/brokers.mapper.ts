import { BrokerDescription } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { BrokerData } from './brokers.dto';

export function toBrokerData(
  clusterId: string,
  broker: BrokerDescription,
  urls: ResourceUrls,
): BrokerData {
  const id = broker.brokerId;
  return {
    ...urls.resource(
      'KafkaBroker',
      ['clusters', clusterId, 'brokers', id],
      [
        ['kafka', clusterId],
        ['broker', id],
      ],
    ),
    cluster_id: clusterId,
    broker_id: id,
    host: broker.host,
    port: broker.port,
    rack: broker.rack,
    configs: urls.related('clusters', clusterId, 'brokers', id, 'configs'),
    partition_replicas: urls.related('clusters', clusterId, 'brokers', id, 'partition-replicas'),
  };
}
