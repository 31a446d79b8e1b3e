import { common, Namespace, parse, Root, Type } from 'protobufjs';
import { fromProtoJson, TO_OBJECT_OPTIONS, toProtoJson } from './protobuf-json';
import {
  errorMessage,
  InvalidDataError,
  InvalidSchemaError,
  SchemaCodec,
  UndecodableDataError,
} from './schema-codec';

const PARSE_OPTIONS = { keepCase: true, alternateCommentMode: true };

/**
 * Protobuf through protobufjs (the Protobuf support of @kafkajs/confluent-schema-registry
 * neither writes message indexes, kafkajs/confluent-schema-registry#248, nor reads them; it only
 * skips leading zero bytes). Confluent writes the first message of the schema, so encode() uses
 * it with indexes [0]; decode() follows the indexes it is given into nested messages.
 */
export class ProtobufCodec implements SchemaCodec {
  readonly format = 'PROTOBUF' as const;

  private constructor(private readonly topLevel: Type[]) {}

  /** `references` are the imported files' texts (any order); google/protobuf/* are built in. */
  static parse(schema: string, references: string[] = []): ProtobufCodec {
    try {
      const root = new Root();
      const parsed = parse(schema, root, PARSE_OPTIONS);
      const ns = parsed.package === undefined ? root : root.lookup(parsed.package);
      // Only the messages of this file, in declaration order (references may share the package).
      const topLevel = messagesOf(ns);
      const imports = [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])];
      for (const text of references) {
        const ref = parse(text, root, PARSE_OPTIONS);
        imports.push(...(ref.imports ?? []), ...(ref.weakImports ?? []));
      }
      addWellKnownTypes(root, imports);
      root.resolveAll();
      if (topLevel.length === 0) {
        throw new Error('the schema defines no message');
      }
      return new ProtobufCodec(topLevel);
    } catch (error) {
      throw new InvalidSchemaError(errorMessage(error));
    }
  }

  /** The fully-qualified name of the first message (Confluent's ProtobufSchema.name()). */
  get recordName(): string {
    return this.topLevel[0].fullName.replace(/^\./, '');
  }

  encode(data: unknown): { payload: Buffer; messageIndexes: number[] } {
    const type = this.topLevel[0];
    const object = fromProtoJson(type, data);
    let payload: Uint8Array;
    try {
      payload = type.encode(type.fromObject(object)).finish();
    } catch (error) {
      throw new InvalidDataError(errorMessage(error));
    }
    return { payload: Buffer.from(payload), messageIndexes: [0] };
  }

  decode(payload: Buffer, messageIndexes: number[] = [0]): unknown {
    const type = this.messageAt(messageIndexes);
    try {
      const message = type.decode(payload);
      return toProtoJson(type, type.toObject(message, TO_OBJECT_OPTIONS));
    } catch (error) {
      throw new UndecodableDataError(
        `Protobuf payload does not decode as ${type.fullName.slice(1)}: ${errorMessage(error)}`,
      );
    }
  }

  /** The message type at a message-index path ([0] first top-level, [1, 0] its first nested...). */
  messageAt(indexes: number[]): Type {
    let candidates = this.topLevel;
    let type: Type | undefined;
    for (const index of indexes) {
      type = candidates[index];
      if (type === undefined) {
        throw new UndecodableDataError(
          `Protobuf message indexes [${indexes.join(', ')}] do not name a message of the schema`,
        );
      }
      candidates = messagesOf(type);
    }
    if (type === undefined) {
      throw new UndecodableDataError('Empty Protobuf message indexes');
    }
    return type;
  }
}

function messagesOf(ns: unknown): Type[] {
  if (!(ns instanceof Namespace)) {
    return [];
  }
  return ns.nestedArray.filter((t): t is Type => t instanceof Type);
}

function addWellKnownTypes(root: Root, imports: string[]): void {
  for (const file of new Set(imports)) {
    const definition = file.startsWith('google/protobuf/') ? common.get(file) : null;
    if (definition !== null && definition.nested !== undefined) {
      root.addJSON(definition.nested);
    }
  }
}
