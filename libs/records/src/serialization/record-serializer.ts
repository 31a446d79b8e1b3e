/** `ProduceRequestData` as received (the key or the value of a record). */
export interface ProduceRequestData {
  type?: string;
  subject?: string | null;
  subject_name_strategy?: string | null;
  schema_id?: number | null;
  schema_version?: number | null;
  schema?: string | null;
  data?: unknown;
}

/** What to write to Kafka for a key or value, and what the receipt says about it. */
export interface SerializedData {
  bytes: Buffer | null;
  /** The format actually used (`type` of the receipt). */
  type: string;
  subject?: string;
  schemaId?: number;
  schemaVersion?: number;
}

export interface SerializationContext {
  topic: string;
  isKey: boolean;
}

/**
 * Turns `data` of one ProduceRequestData into bytes. One implementation per `type`: BINARY,
 * JSON and STRING here; AVRO, JSONSCHEMA and PROTOBUF (and "no type": Schema Registry lookup)
 * register themselves in RecordSerializers. Sync serializers keep the hot path free of promises.
 * Errors are thrown as RestError (a 400 or 422 receipt).
 */
export interface RecordSerializer {
  readonly type: string;
  serialize(
    request: ProduceRequestData,
    context: SerializationContext,
  ): SerializedData | Promise<SerializedData>;
}
