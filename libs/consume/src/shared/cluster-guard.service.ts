import { Injectable } from '@nestjs/common';
import { ClusterAdmin } from '@gateway/kafka';
import { RestError } from '@gateway/rest';

/** Checks the `{cluster_id}` path parameter; the id of a cluster never changes, so it is cached. */
@Injectable()
export class ClusterGuard {
  private clusterId?: string;

  constructor(private readonly clusters: ClusterAdmin) {}

  async require(clusterId: string): Promise<void> {
    this.clusterId ??= (await this.clusters.describeCluster()).clusterId;
    if (clusterId !== this.clusterId) {
      throw RestError.clusterNotFound(clusterId);
    }
  }
}
