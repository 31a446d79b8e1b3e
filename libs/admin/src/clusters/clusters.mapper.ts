import { ClusterDescription } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ClusterData } from './clusters.dto';

export function toClusterData(cluster: ClusterDescription, urls: ResourceUrls): ClusterData {
  const id = cluster.clusterId;
  const data: ClusterData = {
    ...urls.resource('KafkaCluster', ['clusters', id], [['kafka', id]]),
    cluster_id: id,
    acls: urls.related('clusters', id, 'acls'),
    brokers: urls.related('clusters', id, 'brokers'),
    broker_configs: urls.related('clusters', id, 'broker-configs'),
    consumer_groups: urls.related('clusters', id, 'consumer-groups'),
    topics: urls.related('clusters', id, 'topics'),
    partition_reassignments: urls.related(
      'clusters',
      id,
      'topics',
      '-',
      'partitions',
      '-',
      'reassignment',
    ),
  };
  if (cluster.controllerId !== null) {
    data.controller = urls.related('clusters', id, 'brokers', cluster.controllerId);
  }
  return data;
}
