import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { RestError } from '@gateway/rest';
import { BoundedCache } from './client/bounded-cache';
import { SchemaRegistryClient } from './client/schema-registry-client';
import { registryNotConfigured, toSchemaRestError } from './registry-rest-errors';
import { checkSchemaRequest, ResolvedSchema, SchemaRequest } from './schema-request';
import {
  SchemaDefinition,
  SchemaFormat,
  SchemaRegistryOptions,
  SubjectNameStrategy,
} from './schema-registry.types';
import { createCodec } from './serde/codec-factory';
import { SchemaCodec } from './serde/schema-codec';
import { decodeWire, encodeWire, readSchemaId } from './serde/wire-format';
import { subjectName } from './subject-name-strategy';

export const SCHEMA_REGISTRY_OPTIONS = Symbol('SCHEMA_REGISTRY_OPTIONS');

const DEFAULT_STRATEGY: SubjectNameStrategy = 'TOPIC_NAME';
const CODEC_CACHE_SIZE = 1_000;

/** A record key or value decoded from Confluent's wire format. */
export interface DeserializedData {
  format: SchemaFormat;
  schemaId: number;
  /** JSON: Avro's JSON encoding, the JSON Schema document, or Protobuf's JSON mapping. */
  data: unknown;
}

/**
 * Schema-based serialization for produce and consume: resolves the schema of a request as
 * Confluent's REST Proxy does (CONFLUENT-REST-NOTES.md §3.1), writes and reads Confluent's wire
 * format. Every failure is a RestError meant for one record; nothing here throws anything else.
 */
@Injectable()
export class SchemaSerdes implements OnModuleDestroy {
  /** undefined when no registry is configured: every schema request then gets 42206. */
  readonly client?: SchemaRegistryClient;
  private readonly codecsById = new BoundedCache<number, SchemaCodec>(CODEC_CACHE_SIZE);
  private readonly codecsByText = new BoundedCache<string, SchemaCodec>(CODEC_CACHE_SIZE);

  constructor(
    @Optional() @Inject(SCHEMA_REGISTRY_OPTIONS) options: SchemaRegistryOptions | null = null,
  ) {
    this.client = options === null ? undefined : new SchemaRegistryClient(options);
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /** Finds (or, for a raw schema, registers) the schema of one key or value. */
  async resolve(req: SchemaRequest): Promise<ResolvedSchema> {
    const client = this.requireClient();
    checkSchemaRequest(req);
    if (req.schemaId !== undefined) {
      return this.resolveById(client, req, req.schemaId);
    }
    if (req.schemaVersion !== undefined) {
      return this.resolveByVersion(client, req, req.schemaVersion);
    }
    if (req.schema !== undefined && req.type !== undefined) {
      return this.resolveRawSchema(client, req, {
        format: req.type,
        schema: req.schema,
        references: [],
      });
    }
    return this.resolveLatest(client, req);
  }

  /**
   * The Kafka bytes of `data` (magic byte, schema id, Protobuf message indexes, payload), or null
   * for null/absent data (a Kafka null, even with a schema). Data that does not match: 400.
   */
  serialize(schema: ResolvedSchema, data: unknown): Buffer | null {
    if (data === null || data === undefined) {
      return null;
    }
    try {
      const { payload, messageIndexes } = schema.codec.encode(data);
      return encodeWire({ schemaId: schema.schemaId, messageIndexes, payload });
    } catch (error) {
      throw toSchemaRestError(error, `Cannot serialize data for subject ${schema.subject}`);
    }
  }

  /** resolve() then serialize(), for callers that need both at once. */
  async encode(
    req: SchemaRequest,
    data: unknown,
  ): Promise<{ schema: ResolvedSchema; bytes: Buffer | null }> {
    const schema = await this.resolve(req);
    return { schema, bytes: this.serialize(schema, data) };
  }

  /** Decodes Confluent wire-format bytes written by any client (consume). */
  async deserialize(bytes: Buffer): Promise<DeserializedData> {
    const client = this.requireClient();
    let schemaId: number | undefined;
    try {
      schemaId = readSchemaId(bytes);
      const schema = await client.getSchemaById(schemaId);
      const codec = await this.codecForId(client, schemaId, schema);
      const wire = decodeWire(bytes, schema.format === 'PROTOBUF');
      return {
        format: schema.format,
        schemaId,
        data: codec.decode(wire.payload, wire.messageIndexes),
      };
    } catch (error) {
      const id = schemaId === undefined ? '' : ` with schema id ${schemaId}`;
      throw toSchemaRestError(error, `Error deserializing record${id}`);
    }
  }

  onModuleDestroy(): void {
    this.client?.close();
  }

  private requireClient(): SchemaRegistryClient {
    if (this.client === undefined) {
      throw registryNotConfigured();
    }
    return this.client;
  }

  private async resolveById(
    client: SchemaRegistryClient,
    req: SchemaRequest,
    id: number,
  ): Promise<ResolvedSchema> {
    const schema = await step(`Error when fetching schema by id. schemaId = ${id}`, () =>
      client.getSchemaById(id),
    );
    const codec = await step(`Error parsing schema id ${id}`, () =>
      this.codecForId(client, id, schema),
    );
    const subject = step('Cannot derive the subject', () => subjectOf(req, codec.recordName));
    const registered = await step(
      `Error when fetching schema version. subject = ${subject}, schema = ${schema.schema}`,
      () => client.lookup(subject, schema),
    );
    return {
      format: schema.format,
      subject,
      schemaId: id,
      schemaVersion: registered.version,
      codec,
    };
  }

  private async resolveByVersion(
    client: SchemaRegistryClient,
    req: SchemaRequest,
    version: number,
  ): Promise<ResolvedSchema> {
    const subject = step('Cannot derive the subject', () => subjectOf(req, null));
    let schema;
    try {
      schema = await client.getSubjectVersion(subject, version);
    } catch {
      // kafka-rest's getByVersion wraps every failure (unknown version, registry down, 40301)
      // in a RuntimeException and SchemaManagerImpl answers all of them with this 400.
      throw RestError.badRequest(
        `Schema does not exist for subject: ${subject}, version: ${version}`,
      );
    }
    const codec = await step(`Error when fetching schema by version. subject = ${subject}`, () =>
      this.codecForId(client, schema.id, schema),
    );
    return { format: schema.format, subject, schemaId: schema.id, schemaVersion: version, codec };
  }

  private async resolveLatest(
    client: SchemaRegistryClient,
    req: SchemaRequest,
  ): Promise<ResolvedSchema> {
    const subject = step('Cannot derive the subject', () => subjectOf(req, null));
    const schema = await step(
      `Error when fetching latest schema version. subject = ${subject}`,
      () => client.getLatest(subject),
    );
    const codec = await step(
      `Error when fetching latest schema version. subject = ${subject}`,
      () => this.codecForId(client, schema.id, schema),
    );
    return {
      format: schema.format,
      subject,
      schemaId: schema.id,
      schemaVersion: schema.version,
      codec,
    };
  }

  private async resolveRawSchema(
    client: SchemaRegistryClient,
    req: SchemaRequest,
    definition: SchemaDefinition,
  ): Promise<ResolvedSchema> {
    const codec = await step(
      `Error when parsing raw schema. format = ${definition.format}, schema = ${definition.schema}`,
      () =>
        this.codecsByText.get(`${definition.format}\u0000${definition.schema}`, () =>
          Promise.resolve().then(() => createCodec(definition)),
        ),
    );
    const subject = step('Cannot derive the subject', () => subjectOf(req, codec.recordName));
    const registered = await step(
      `Error when registering schema. format = ${definition.format}, subject = ${subject}, schema = ${definition.schema}`,
      async () => {
        try {
          return await client.lookup(subject, definition);
        } catch {
          // Not registered under this subject yet (or the lookup failed): register, as Confluent.
          await client.register(subject, definition);
          return client.lookup(subject, definition);
        }
      },
    );
    this.codecsById.set(registered.id, Promise.resolve(codec));
    return {
      format: definition.format,
      subject,
      schemaId: registered.id,
      schemaVersion: registered.version,
      codec,
    };
  }

  /** Parses a registered schema once per id, with its references (dependencies first). */
  private codecForId(
    client: SchemaRegistryClient,
    id: number,
    schema: SchemaDefinition,
  ): Promise<SchemaCodec> {
    return this.codecsById.get(id, async () => {
      const references = await referencedTexts(client, schema, new Set());
      return createCodec(schema, references);
    });
  }
}

async function referencedTexts(
  client: SchemaRegistryClient,
  schema: SchemaDefinition,
  seen: Set<string>,
): Promise<string[]> {
  const texts: string[] = [];
  for (const ref of schema.references) {
    const key = `${ref.subject}\u0000${ref.version}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const referenced = await client.getSubjectVersion(ref.subject, ref.version);
    texts.push(...(await referencedTexts(client, referenced, seen)), referenced.schema);
  }
  return texts;
}

function subjectOf(req: SchemaRequest, recordName: string | undefined | null): string {
  if (req.subject !== undefined) {
    return req.subject;
  }
  const explicit = req.subjectNameStrategy !== undefined;
  return subjectName(
    req.subjectNameStrategy ?? DEFAULT_STRATEGY,
    req.topic,
    req.isKey,
    recordName,
    explicit,
  );
}

/** Runs one step, turning any failure into the Confluent error for `context`. */
function step<T>(context: string, run: () => T): T {
  let result: T;
  try {
    result = run();
  } catch (error) {
    throw toSchemaRestError(error, context);
  }
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw toSchemaRestError(error, context);
    }) as T;
  }
  return result;
}
