import { Module } from '@nestjs/common';
import { BrokersController } from './brokers/brokers.controller';
import { BrokersService } from './brokers/brokers.service';
import { ClusterLookup } from './clusters/cluster-lookup.service';
import { ClustersController } from './clusters/clusters.controller';
import { ClustersService } from './clusters/clusters.service';
import { PartitionsController } from './partitions/partitions.controller';
import { PartitionsService } from './partitions/partitions.service';
import { TopicsController } from './topics/topics.controller';
import { TopicsService } from './topics/topics.service';

/** The management plane of the v3 API. Needs KafkaModule and RestModule in the app. */
@Module({
  controllers: [ClustersController, BrokersController, TopicsController, PartitionsController],
  providers: [ClusterLookup, ClustersService, BrokersService, TopicsService, PartitionsService],
  exports: [ClusterLookup],
})
export class AdminModule {}
