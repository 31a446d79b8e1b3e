import { Injectable } from '@nestjs/common';
import { ResourceUrls, RestError } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { BrokerData, BrokerDataList } from './brokers.dto';
import { toBrokerData } from './brokers.mapper';

@Injectable()
export class BrokersService {
  constructor(private readonly clusters: ClusterLookup) {}

  async list(clusterId: string, urls: ResourceUrls): Promise<BrokerDataList> {
    const cluster = await this.clusters.require(clusterId);
    const data = cluster.brokers.map((b) => toBrokerData(clusterId, b, urls));
    return urls.collection('KafkaBrokerList', ['clusters', clusterId, 'brokers'], data);
  }

  async get(clusterId: string, brokerId: number, urls: ResourceUrls): Promise<BrokerData> {
    const cluster = await this.clusters.require(clusterId);
    const broker = cluster.brokers.find((b) => b.brokerId === brokerId);
    if (broker === undefined) {
      throw RestError.notFound();
    }
    return toBrokerData(clusterId, broker, urls);
  }
}
