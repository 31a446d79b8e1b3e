import { DynamicModule, Module } from '@nestjs/common';
import { ClusterAdmin, KafkaClusterAdmin } from './admin/cluster-admin';
import { ClusterMetadata } from './admin/cluster-metadata';
import { KafkaTopicAdmin, TopicAdmin } from './admin/topic-admin';
import { BrokerConnections } from './configs/broker-connections';
import { ConfigAdmin, KafkaConfigAdmin } from './configs/config-admin';
import { KafkaInstrumentation } from './instrumentation';
import { AclAdmin, KafkaAclAdmin } from './acls/acl-admin';
import { KafkaClients } from './kafka-clients';
import { KafkaPartitionReader, PartitionReader } from './consumer/partition-reader';
import { KafkaRecordConsumers, RecordConsumers } from './consumer/record-consumers';
import { GroupAdmin, KafkaGroupAdmin } from './groups/group-admin';
import { GroupsClient } from './groups/groups-client';
import { KafkaOffsetAdmin, OffsetAdmin } from './groups/offset-admin';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka.options';
import { KafkaRecordProducer } from './producer/kafka-record-producer';
import { RecordProducer } from './producer/record-producer';
import { KafkaReassignmentAdmin, ReassignmentAdmin } from './replicas/reassignment-admin';
import { KafkaIdentityRouting } from './identity/kafka-identity-routing';

export interface KafkaModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => KafkaOptions | Promise<KafkaOptions>;
}

@Module({})
export class KafkaModule {
  static forRootAsync(options: KafkaModuleAsyncOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: KAFKA_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        KafkaInstrumentation,
        KafkaClients,
        GroupsClient,
        { provide: GroupAdmin, useClass: KafkaGroupAdmin },
        { provide: OffsetAdmin, useClass: KafkaOffsetAdmin },
        ClusterMetadata,
        { provide: ClusterAdmin, useClass: KafkaClusterAdmin },
        { provide: TopicAdmin, useClass: KafkaTopicAdmin },
        { provide: PartitionReader, useClass: KafkaPartitionReader },
        { provide: RecordConsumers, useClass: KafkaRecordConsumers },
        BrokerConnections,
        { provide: ConfigAdmin, useClass: KafkaConfigAdmin },
        { provide: RecordProducer, useClass: KafkaRecordProducer },
        { provide: AclAdmin, useClass: KafkaAclAdmin },
        { provide: ReassignmentAdmin, useClass: KafkaReassignmentAdmin },
        KafkaIdentityRouting,
      ],
      exports: [
        PartitionReader,
        RecordConsumers,
        GroupAdmin,
        OffsetAdmin,
        KafkaInstrumentation,
        RecordProducer,
        ClusterAdmin,
        TopicAdmin,
        ConfigAdmin,
        AclAdmin,
        ReassignmentAdmin,
      ],
    };
  }
}
