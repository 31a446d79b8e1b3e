import { BrokerDescription } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { BrokerData } from './brokers.dto';

export function toBrokerData(
  clusterId: string,
  broker: BrokerDescription,
  urls: ResourceUrls,
): BrokerData {
  const id = broker.brokerId;
  const data: BrokerData = {
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
    configs: urls.related('clusters', clusterId, 'brokers', id, 'configs'),
    partition_replicas: urls.related('clusters', clusterId, 'brokers', id, 'partition-replicas'),
  };
  // Absent optional fields are omitted, as kafka-rest does.
  if (broker.rack !== null) {
    data.rack = broker.rack;
  }
  return data;
}
