export * from './consumer.types';
export { PollConsumer, ConsumerSubscription } from './poll-consumer';
export { RecordConsumers, KafkaRecordConsumers } from './record-consumers';
export { PartitionReader, KafkaPartitionReader } from './partition-reader';
export { ConsumerStateError, NoOffsetError } from './consumer-state.error';
export { OffsetOutOfRangeError } from './offset-out-of-range.error';
