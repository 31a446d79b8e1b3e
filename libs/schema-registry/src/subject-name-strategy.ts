import { SubjectNameStrategy } from './schema-registry.types';

/** Why a subject cannot be derived (Confluent answers 400). */
export class SubjectNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubjectNameError';
  }
}

/**
 * Confluent's subject name strategies. `recordName` is the schema's record name (Avro full name,
 * JSON Schema title, first Protobuf message), or null when no schema is at hand (schema_version
 * and latest), which only TOPIC_NAME can do without.
 */
export function subjectName(
  strategy: SubjectNameStrategy,
  topic: string,
  isKey: boolean,
  recordName: string | undefined | null,
  explicitStrategy = true,
): string {
  if (strategy === 'TOPIC_NAME') {
    return `${topic}-${isKey ? 'key' : 'value'}`;
  }
  if (recordName === null) {
    // kafka-rest SchemaManagerImpl.getSchemaSubjectUnsafe wording.
    throw new SubjectNameError(
      `Cannot use${explicitStrategy ? '' : ' default'} schema_subject_strategy${
        explicitStrategy ? `=${strategy}` : ''
      } without schema_id or schema.`,
    );
  }
  if (recordName === undefined) {
    throw new SubjectNameError(
      `subject_name_strategy=${strategy} needs a named schema (an Avro record, enum or fixed, ` +
        'a JSON Schema with a title, or a Protobuf message).',
    );
  }
  return strategy === 'RECORD_NAME' ? recordName : `${topic}-${recordName}`;
}
