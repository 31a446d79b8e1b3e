import {
  RegisteredSchema,
  SchemaById,
  SchemaDefinition,
  SchemaFormat,
  SchemaReference,
  SchemaRegistryOptions,
} from '../schema-registry.types';
import { encodePathSegment } from '@gateway/rest';
import { BoundedCache } from './bounded-cache';
import { RegistryHttpError } from './registry-errors';
import { RegistryHttp } from './registry-http';

/** Confluent's compatibility levels (`PUT /config/{subject}`). */
export type CompatibilityLevel =
  | 'NONE'
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE';

interface SchemaResponse {
  id?: number;
  subject?: string;
  version?: number;
  schema: string;
  schemaType?: string;
  references?: SchemaReference[];
}

const DEFAULT_CACHE_SIZE = 1_000;

/**
 * A client of Confluent's Schema Registry API (also served by Apicurio Registry at
 * /apis/ccompat/v7). Schemas are immutable by id and by subject+version, so both are cached;
 * "latest" is always asked again, as Confluent's client does without a latest TTL.
 */
export class SchemaRegistryClient {
  private readonly http: RegistryHttp;
  private readonly byId: BoundedCache<number, SchemaById>;
  private readonly byVersion: BoundedCache<string, RegisteredSchema>;
  private readonly bySchema: BoundedCache<string, RegisteredSchema>;
  private readonly latestInFlight = new Map<string, Promise<RegisteredSchema>>();

  constructor(options: SchemaRegistryOptions) {
    this.http = new RegistryHttp(options);
    const size = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.byId = new BoundedCache(size);
    this.byVersion = new BoundedCache(size);
    this.bySchema = new BoundedCache(size);
  }

  /** The registry's (first) URL, for messages. */
  get url(): string {
    return this.http.url;
  }

  getSchemaById(id: number): Promise<SchemaById> {
    return this.byId.get(id, async () => {
      const res = await this.http.get<SchemaResponse>(`/schemas/ids/${id}`);
      return { id, ...definitionOf(res) };
    });
  }

  getSubjectVersion(subject: string, version: number): Promise<RegisteredSchema> {
    return this.byVersion.get(`${subject}\u0000${version}`, () =>
      this.fetchVersion(subject, String(version)),
    );
  }

  /** Not cached; concurrent calls for one subject (a produce stream) share one request. */
  getLatest(subject: string): Promise<RegisteredSchema> {
    const inFlight = this.latestInFlight.get(subject);
    if (inFlight !== undefined) {
      return inFlight;
    }
    const request = this.fetchVersion(subject, 'latest')
      .then((latest) => {
        this.byVersion.set(`${latest.subject}\u0000${latest.version}`, Promise.resolve(latest));
        return latest;
      })
      .finally(() => this.latestInFlight.delete(subject));
    this.latestInFlight.set(subject, request);
    return request;
  }

  /** The id and version of `schema` under `subject` (404 when it is not registered there). */
  lookup(subject: string, schema: SchemaDefinition): Promise<RegisteredSchema> {
    return this.bySchema.get(schemaKey(subject, schema), async () => {
      const res = await this.http.post<SchemaResponse>(
        `/subjects/${encodePathSegment(subject)}`,
        requestBody(schema),
      );
      // Some registries omit schemaType here; the format is the one asked about.
      return {
        ...schema,
        subject: res.subject ?? subject,
        id: required(res.id, 'id'),
        version: required(res.version, 'version'),
      };
    });
  }

  /** Registers `schema` under `subject` (a no-op returning the id when it already is). */
  async register(subject: string, schema: SchemaDefinition): Promise<number> {
    const res = await this.http.post<{ id: number }>(
      `/subjects/${encodePathSegment(subject)}/versions`,
      requestBody(schema),
    );
    return required(res.id, 'id');
  }

  async setCompatibility(subject: string, level: CompatibilityLevel): Promise<void> {
    await this.http.put(`/config/${encodePathSegment(subject)}`, { compatibility: level });
  }

  /** A cheap request that proves the registry answers (readiness). */
  async ping(): Promise<void> {
    try {
      await this.http.get('/schemas/types');
    } catch (error) {
      if (error instanceof RegistryHttpError) {
        throw new Error(`Schema Registry answered HTTP ${error.status}: ${error.message}`);
      }
      throw new Error(`Schema Registry is not reachable: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.http.close();
  }

  private async fetchVersion(subject: string, version: string): Promise<RegisteredSchema> {
    const res = await this.http.get<SchemaResponse>(
      `/subjects/${encodePathSegment(subject)}/versions/${version}`,
    );
    return {
      ...definitionOf(res),
      subject: res.subject ?? subject,
      id: required(res.id, 'id'),
      version: required(res.version, 'version'),
    };
  }
}

/** The registry's schemaType: absent means AVRO; JSON is Confluent's name for JSON Schema. */
export function formatOf(schemaType: string | undefined): SchemaFormat {
  switch ((schemaType ?? 'AVRO').toUpperCase()) {
    case 'AVRO':
      return 'AVRO';
    case 'JSON':
      return 'JSONSCHEMA';
    case 'PROTOBUF':
      return 'PROTOBUF';
    default:
      throw new Error(`Unsupported schema type ${schemaType}`);
  }
}

function definitionOf(res: SchemaResponse): SchemaDefinition {
  return {
    format: formatOf(res.schemaType),
    schema: required(res.schema, 'schema'),
    references: res.references ?? [],
  };
}

function requestBody(schema: SchemaDefinition): Record<string, unknown> {
  return {
    ...(schema.format === 'AVRO' ? {} : { schemaType: schemaTypeOf(schema.format) }),
    schema: schema.schema,
    ...(schema.references.length > 0 ? { references: schema.references } : {}),
  };
}

function schemaTypeOf(format: SchemaFormat): string {
  return format === 'JSONSCHEMA' ? 'JSON' : format;
}

function schemaKey(subject: string, schema: SchemaDefinition): string {
  return [subject, schema.format, schema.schema, JSON.stringify(schema.references)].join('\u0000');
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null) {
    throw new Error(`The schema registry's answer has no ${field}`);
  }
  return value;
}
