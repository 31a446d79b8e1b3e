import { Injectable } from '@nestjs/common';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from './cluster-lookup.service';
import { ClusterData, ClusterDataList } from './clusters.dto';
import { toClusterData } from './clusters.mapper';

@Injectable()
export class ClustersService {
  constructor(private readonly clusters: ClusterLookup) {}

  async list(urls: ResourceUrls): Promise<ClusterDataList> {
    const cluster = await this.clusters.describe();
    return urls.collection('KafkaClusterList', ['clusters'], [toClusterData(cluster, urls)]);
  }

  async get(clusterId: string, urls: ResourceUrls): Promise<ClusterData> {
    const cluster = await this.clusters.describe();
    // The cluster resource itself answers Jersey's plain 404, unlike its children.
    if (cluster.clusterId !== clusterId) {
      throw RestError.notFound();
    }
    return toClusterData(cluster, urls);
  }
}
