/** The management plane: clusters, brokers, topics and partitions of the Confluent v3 API. */
export { AdminModule } from './admin.module';
export { ClusterLookup } from './clusters/cluster-lookup.service';
