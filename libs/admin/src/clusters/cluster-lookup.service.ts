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

  /**
   * For child resources: a wrong id is 404 "Cluster X cannot be found." (`notFound` words it
   * as the caller's kafka-rest manager does).
   */
  async require(
    clusterId: string,
    notFound: (clusterId: string) => RestError = (id) => RestError.clusterNotFound(id),
  ): Promise<ClusterDescription> {
    const cluster = await this.describe();
    if (cluster.clusterId !== clusterId) {
      throw notFound(clusterId);
    }
    return cluster;
  }
}
