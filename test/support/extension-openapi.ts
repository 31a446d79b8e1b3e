import { resolve } from 'node:path';
import { InjectedResponse, OpenApiDocument } from './openapi-document';

// Our own OpenAPI document for the endpoints Confluent does not have; it $refs confluent-v3.yaml
// for the shared envelope and error schemas.
export const EXTENSION_SPEC = resolve(__dirname, '../../openapi/gateway-extensions.yaml');

// Ours to keep complete: every status must be declared on the operation itself.
const extensions = new OpenApiDocument(EXTENSION_SPEC);

export function expectToMatchExtensionSpec(
  res: InjectedResponse,
  method: string,
  path: string,
): Promise<void> {
  return extensions.expectMatch(res, method, path);
}
