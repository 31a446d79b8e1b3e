import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { InjectedResponse } from './openapi';

// Our OpenAPI document for the v3 consume extension (stateless reads and record streams).
export const CONSUME_SPEC = resolve(__dirname, '../../openapi/gateway-consume.yaml');

interface SpecResponse {
  content?: Record<string, { schema?: object }>;
}
type SpecDocument = {
  paths: Record<string, Record<string, { responses: Record<string, SpecResponse> }>>;
};

let specPromise: Promise<SpecDocument> | undefined;
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

export function loadConsumeSpec(): Promise<SpecDocument> {
  specPromise ??= SwaggerParser.dereference(
    CONSUME_SPEC,
  ) as Promise<unknown> as Promise<SpecDocument>;
  return specPromise;
}

/**
 * Validates status and body against openapi/gateway-consume.yaml. The status must be declared
 * on the operation; `mediaType` picks the content (NDJSON lines are validated one by one).
 */
export async function expectToMatchConsumeSpec(
  res: InjectedResponse,
  method: string,
  path: string,
  mediaType = 'application/json',
): Promise<void> {
  const spec = await loadConsumeSpec();
  const operation = spec.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is not in the consume spec`).toBeDefined();
  const status = String(res.statusCode);
  const declared = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
  expect(
    declared,
    `${method} ${path} does not declare status ${status}: ${res.body}`,
  ).toBeDefined();
  const type = res.statusCode >= 400 ? 'application/json' : mediaType;
  const schema = declared.content?.[type]?.schema;
  expect(schema, `${method} ${path} ${status} declares no ${type} body`).toBeDefined();
  const key = `${method} ${path} ${status} ${type}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema!);
    validators.set(key, validate);
  }
  const bodies =
    type === 'application/x-ndjson'
      ? res.body
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as unknown)
      : type === 'text/event-stream'
        ? [res.body]
        : [JSON.parse(res.body) as unknown];
  for (const body of bodies) {
    expect(
      validate(body),
      `${key} body does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
    ).toBe(true);
  }
}
