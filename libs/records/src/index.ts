/** The data plane: produce (v3 single, streaming and batch; v2). */
export { RecordsModule, RecordsModuleAsyncOptions } from './records.module';
export {
  RecordsOptions,
  ProduceRateLimitOptions,
  DEFAULT_RECORDS_OPTIONS,
  RECORDS_OPTIONS,
} from './records.options';
export { RecordSerializers, SCHEMA_REGISTRY_LOOKUP } from './serialization/record-serializers';
export {
  RecordSerializer,
  ProduceRequestData,
  SerializedData,
  SerializationContext,
} from './serialization/record-serializer';
