import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { schemaFromConfluentSchema } from '@kafkajs/confluent-schema-registry/dist/schemaTypeResolver';
import { parseJsonExact, stringifyJsonExact } from './exact-json';
import { holdsDoubles } from './jackson-doubles';
import {
  errorMessage,
  InvalidDataError,
  InvalidSchemaError,
  SchemaCodec,
  UndecodableDataError,
} from './schema-codec';

interface ValidationFailure {
  paths?: Array<{ path: string[]; message?: string } | string[]>;
}

interface JsonSchemaType {
  /** Throws a ConfluentSchemaRegistryValidationError listing the failing paths. */
  validatePayload(payload: unknown): void;
}

/**
 * JSON Schema: the payload is the UTF-8 JSON text, validated against the schema (Ajv inside
 * @kafkajs/confluent-schema-registry) when written. Reads do not validate, as Confluent's
 * deserializer (json.fail.invalid.schema=false).
 */
export class JsonSchemaCodec implements SchemaCodec {
  readonly format = 'JSONSCHEMA' as const;

  private constructor(
    private readonly validator: JsonSchemaType,
    readonly recordName: string | undefined,
  ) {}

  static parse(schema: string, references: string[] = []): JsonSchemaCodec {
    try {
      const parsed = JSON.parse(schema) as unknown;
      const validator = schemaFromConfluentSchema(
        { type: SchemaType.JSON, schema },
        {
          [SchemaType.JSON]: {
            // Confluent schemas carry extra keywords (javaType, connect.*): not an error.
            strict: false,
            allErrors: true,
            logger: false,
            detailedErrorPaths: true,
            referencedSchemas: references.map((text) => ({ type: SchemaType.JSON, schema: text })),
          },
        },
      ) as unknown as JsonSchemaType;
      return new JsonSchemaCodec(validator, titleOf(parsed));
    } catch (error) {
      throw new InvalidSchemaError(errorMessage(error));
    }
  }

  /**
   * The document as compact JSON text, integers beyond 2^53 with all their digits and float
   * literals as Jackson writes them (`1.0` stays `1.0`, as kafka-rest stores the JsonNode).
   */
  encode(data: unknown): { payload: Buffer } {
    let text: string;
    let checked = data;
    try {
      text = JSON.stringify(data);
      if (holdsDoubles(data)) {
        text = stringifyJsonExact(data);
      }
    } catch {
      text = stringifyJsonExact(data);
      // Ajv knows no BigInt: an integer beyond 2^53 is validated as its nearest double.
      checked = JSON.parse(text);
    }
    try {
      this.validator.validatePayload(checked);
    } catch (error) {
      throw new InvalidDataError(describeFailure(error));
    }
    return { payload: Buffer.from(text, 'utf8') };
  }

  decode(payload: Buffer): unknown {
    try {
      return parseJsonExact(payload.toString('utf8'));
    } catch (error) {
      throw new UndecodableDataError(`JSON Schema payload is not JSON: ${errorMessage(error)}`);
    }
  }
}

function titleOf(schema: unknown): string | undefined {
  if (typeof schema === 'object' && schema !== null && 'title' in schema) {
    return typeof schema.title === 'string' ? schema.title : undefined;
  }
  return undefined;
}

function describeFailure(error: unknown): string {
  const paths = (error as ValidationFailure).paths;
  if (!Array.isArray(paths) || paths.length === 0) {
    return errorMessage(error);
  }
  const problems = paths.map((entry) => {
    if (Array.isArray(entry)) {
      return `#${entry.join('')}`;
    }
    return `#${entry.path.join('')}: ${entry.message ?? 'invalid'}`;
  });
  return `JSON does not match the schema: ${problems.join('; ')}`;
}
