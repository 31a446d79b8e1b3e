import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

export interface InjectedResponse {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}

interface SpecResponse {
  content?: Record<string, { schema?: object }>;
}
export interface SpecDocument {
  paths: Record<string, Record<string, { responses: Record<string, SpecResponse> }>>;
  components?: { schemas?: { Error?: object } };
}

export interface OpenApiDocumentOptions {
  /**
   * Accept the statuses every endpoint may answer with the common Error body even where an
   * operation does not list them (the Confluent spec relies on this); our documents list all.
   */
  genericErrors?: boolean;
  /** `"METHOD path status"` -> the declared status to validate against instead. */
  deviations?: Record<string, string>;
}

const GENERIC_ERROR_STATUSES = new Set([400, 401, 403, 404, 405, 406, 413, 415, 422, 429]);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

/** One OpenAPI document: checks that a response's status is declared and its body matches. */
export class OpenApiDocument {
  private spec?: Promise<SpecDocument>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly file: string,
    private readonly options: OpenApiDocumentOptions = {},
  ) {}

  load(): Promise<SpecDocument> {
    this.spec ??= (SwaggerParser.dereference(this.file) as Promise<unknown>).then((doc) =>
      fixNonStandardTypes(doc as SpecDocument),
    );
    return this.spec;
  }

  /**
   * `path` is the document's template without the server prefix. `mediaType` picks the declared
   * content for a success (NDJSON is validated line by line); errors are always JSON.
   */
  async expectMatch(
    res: InjectedResponse,
    method: string,
    path: string,
    mediaType = 'application/json',
  ): Promise<void> {
    const spec = await this.load();
    const operation = spec.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path} is not in ${this.file}`).toBeDefined();
    const status = String(res.statusCode);
    const declaredStatus = this.options.deviations?.[`${method.toUpperCase()} ${path} ${status}`];
    const declared =
      operation.responses[declaredStatus ?? status] ??
      operation.responses[`${status[0]}XX`] ??
      this.genericError(spec, res.statusCode);
    expect(
      declared,
      `${method} ${path} does not declare status ${status}: ${res.body}`,
    ).toBeDefined();
    const type = res.statusCode >= 400 ? errorMediaType(res, declared) : mediaType;
    const schema = declared.content?.[type]?.schema;
    if (schema === undefined) {
      expect(
        declared.content?.[type],
        `${method} ${path} ${status} declares no ${type}`,
      ).toBeUndefined();
      expect(res.body, `${method} ${path} ${status} declares no body`).toBe('');
      return;
    }
    const key = `${method} ${path} ${status} ${type}`;
    let validate = this.validators.get(key);
    if (validate === undefined) {
      validate = ajv.compile(schema);
      this.validators.set(key, validate);
    }
    for (const body of parseBodies(res.body, type)) {
      expect(
        validate(body),
        `${key} body does not match ${this.file}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
      ).toBe(true);
    }
  }

  private genericError(spec: SpecDocument, statusCode: number): SpecResponse | undefined {
    const error = spec.components?.schemas?.Error;
    if (!this.options.genericErrors || error === undefined) {
      return undefined;
    }
    if (!GENERIC_ERROR_STATUSES.has(statusCode) && statusCode < 500) {
      return undefined;
    }
    return { content: { 'application/json': { schema: error } } };
  }
}

/** Errors are JSON, unless the spec declares the answer's own type (a DoS filter's text/html). */
function errorMediaType(res: InjectedResponse, declared: SpecResponse): string {
  const header = res.headers['content-type'];
  const type = typeof header === 'string' ? header.split(';')[0].trim() : undefined;
  return type !== undefined && declared.content?.[type] !== undefined ? type : 'application/json';
}

function parseBodies(body: string, type: string): unknown[] {
  if (type === 'application/x-ndjson') {
    return body
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
  return type.startsWith('text/') ? [body] : [JSON.parse(body) as unknown];
}

// The Confluent spec writes `type: int64` for offsets, which is not a JSON Schema type.
function fixNonStandardTypes<T>(node: T, seen = new Set<unknown>()): T {
  if (node === null || typeof node !== 'object' || seen.has(node)) {
    return node;
  }
  seen.add(node);
  const record = node as Record<string, unknown>;
  if (record.type === 'int64' || record.type === 'int32') {
    record.format = record.type;
    record.type = 'integer';
  }
  Object.values(record).forEach((value) => fixNonStandardTypes(value, seen));
  return node;
}
