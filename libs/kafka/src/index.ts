/**
 * The gateway's only door to Kafka. Everything exported here is our own interface or domain
 * type; the Kafka client libraries stay inside this folder.
 */
export { KafkaModule, KafkaModuleAsyncOptions } from './kafka.module';
export { KafkaOptions } from './kafka.options';
export * from './kafka.types';
export { KafkaError, KafkaErrorKind, namingTopics, toKafkaError } from './kafka-errors';
export { ClusterAdmin } from './admin/cluster-admin';
export { TopicAdmin } from './admin/topic-admin';
export { ConfigAdmin } from './configs/config-admin';
export * from './configs/configs.types';
export { RecordProducer } from './producer/record-producer';
export * from './producer/producer.types';
export {
  KafkaInstrumentation,
  KafkaRequestEvent,
  KafkaRequestErrorEvent,
  KafkaClientKind,
} from './instrumentation';
export { AclAdmin } from './acls/acl-admin';
export * from './acls/acl.types';
export { ReassignmentAdmin } from './replicas/reassignment-admin';
export * from './replicas/reassignment.types';
export { GroupAdmin } from './groups/group-admin';
export { OffsetAdmin } from './groups/offset-admin';
export * from './groups/groups.types';
export * from './consumer';
export { probeKafka, KafkaProbeResult } from './probe';
export {
  runAsKafkaCaller,
  currentKafkaCaller,
  KafkaCallerCredentials,
  KafkaIdentityOptions,
} from './identity/kafka-caller';
export { KafkaClientPool } from './identity/kafka-client-pool';
