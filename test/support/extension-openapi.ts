import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { InjectedResponse } from './openapi';

// Our own OpenAPI document for the endpoints Confluent does not have; it $refs confluent-v3.yaml
// for the shared envelope and error schemas.
export const EXTENSION_SPEC = resolve(__dirname, '../../openapi/gateway-extensions.yaml');

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

function loadExtensionSpec(): Promise<SpecDocument> {
  specPromise ??= SwaggerParser.dereference(
    EXTENSION_SPEC,
  ) as Promise<unknown> as Promise<SpecDocument>;
  return specPromise;
}

/**
 * expectToMatchSpec for openapi/gateway-extensions.yaml, stricter than the Confluent one: the
 * status must be declared on the operation itself (no generic error statuses), since this
 * document is ours to keep complete.
 */
export async function expectToMatchExtensionSpec(
  res: InjectedResponse,
  method: string,
  path: string,
): Promise<void> {
  const spec = await loadExtensionSpec();
  const operation = spec.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is not in the extension spec`).toBeDefined();
  const status = String(res.statusCode);
  const declared = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
  expect(
    declared,
    `${method} ${path} does not declare status ${status}: ${res.body}`,
  ).toBeDefined();
  const schema = declared.content?.['application/json']?.schema;
  if (schema === undefined) {
    expect(res.body, `${method} ${path} ${status} declares no body`).toBe('');
    return;
  }
  const key = `${method} ${path} ${status}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  const valid = validate(JSON.parse(res.body));
  expect(
    valid,
    `${key} body does not match the extension spec: ${ajv.errorsText(validate.errors)}\n${res.body}`,
  ).toBe(true);
}
