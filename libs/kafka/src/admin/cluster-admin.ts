import { Injectable } from '@nestjs/common';
import { ClusterDescription } from '../kafka.types';
import { ClusterMetadata } from './cluster-metadata';

/** Cluster and broker descriptions. */
export abstract class ClusterAdmin {
  abstract describeCluster(): Promise<ClusterDescription>;
}

@Injectable()
export class KafkaClusterAdmin extends ClusterAdmin {
  constructor(private readonly metadata: ClusterMetadata) {
    super();
  }

  async describeCluster(): Promise<ClusterDescription> {
    const response = await this.metadata.fetch([]);
    return {
      clusterId: response.clusterId ?? '',
      controllerId: response.controllerId >= 0 ? response.controllerId : null,
      brokers: response.brokers
        .map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null }))
        .sort((a, b) => a.brokerId - b.brokerId),
    };
  }
}
