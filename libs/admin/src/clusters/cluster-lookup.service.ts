import { Injectable } from '@nestjs/common';
import { ClusterAdmin, ClusterDescription } from '@gateway/kafka';
import { RestError } from '@gateway/rest';

/** Resolves the `{cluster_id}` path parameter: the gateway fronts exactly one cluster. */
@Injectable()
export class ClusterLookup {
  constructor(private readonly clusterAdmin: ClusterAdmin) {}

  describe(): Promise<ClusterDescription> {
    return this.clusterAdmin.describeCluster();
  }

  /** For child resources: a wrong id is 404 "Cluster X cannot be found.". */
  async require(clusterId: string): Promise<ClusterDescription> {
    const cluster = await this.describe();
    if (cluster.clusterId !== clusterId) {
      throw RestError.clusterNotFound(clusterId);
    }
    return cluster;
  }
}
