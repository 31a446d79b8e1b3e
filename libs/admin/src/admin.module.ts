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
import { BrokerConfigsController } from './broker-configs/broker-configs.controller';
import { BrokerConfigsService } from './broker-configs/broker-configs.service';
import { ClusterConfigsController } from './cluster-configs/cluster-configs.controller';
import { ClusterConfigsService } from './cluster-configs/cluster-configs.service';
import { AllTopicsConfigsController } from './topic-configs/all-topics-configs.controller';
import { AllTopicsConfigsService } from './topic-configs/all-topics-configs.service';
import { TopicConfigsController } from './topic-configs/topic-configs.controller';
import { TopicConfigsService } from './topic-configs/topic-configs.service';
import { AclsController } from './acls/acls.controller';
import { AclsService } from './acls/acls.service';
import { ReassignmentsController } from './reassignments/reassignments.controller';
import { ReassignmentsService } from './reassignments/reassignments.service';
import { AllReplicasController } from './replicas/all-replicas.controller';
import { PartitionReplicasController } from './replicas/partition-replicas.controller';
import { ReplicasController } from './replicas/replicas.controller';
import { ReplicasService } from './replicas/replicas.service';
import { ConsumerGroupsController } from './consumer-groups/consumer-groups.controller';
import { ConsumerGroupsService } from './consumer-groups/consumer-groups.service';
import { ConsumersController } from './consumer-groups/consumers.controller';
import { ConsumersService } from './consumer-groups/consumers.service';
import { OffsetResetController } from './consumer-groups/offset-reset.controller';
import { OffsetResetService } from './consumer-groups/offset-reset.service';
import { ConsumerLagsController } from './consumer-lags/consumer-lags.controller';
import { ConsumerLagsService } from './consumer-lags/consumer-lags.service';
import { DeleteRecordsController } from './records-admin/delete-records.controller';
import { DeleteRecordsService } from './records-admin/delete-records.service';
import { V2MetadataController } from './v2-metadata/v2-metadata.controller';
import { V2MetadataService } from './v2-metadata/v2-metadata.service';

/** The management plane of the v3 API. Needs KafkaModule and RestModule in the app. */
@Module({
  controllers: [
    ConsumerGroupsController,
    ConsumersController,
    OffsetResetController,
    ConsumerLagsController,
    DeleteRecordsController,
    ClustersController,
    BrokersController,
    TopicsController,
    PartitionsController,
    BrokerConfigsController,
    ClusterConfigsController,
    AllTopicsConfigsController,
    TopicConfigsController,
    AclsController,
    ReassignmentsController,
    V2MetadataController,
    ReplicasController,
    PartitionReplicasController,
    AllReplicasController,
  ],
  providers: [
    ConsumerGroupsService,
    ConsumersService,
    OffsetResetService,
    ConsumerLagsService,
    DeleteRecordsService,
    ClusterLookup,
    ClustersService,
    BrokersService,
    TopicsService,
    PartitionsService,
    BrokerConfigsService,
    ClusterConfigsService,
    AllTopicsConfigsService,
    TopicConfigsService,
    AclsService,
    ReassignmentsService,
    V2MetadataService,
    ReplicasService,
  ],
  exports: [ClusterLookup],
})
export class AdminModule {}
