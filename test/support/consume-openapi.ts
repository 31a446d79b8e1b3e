import { resolve } from 'node:path';
import { InjectedResponse, OpenApiDocument } from './openapi-document';

// Our OpenAPI document for the v3 consume extension (stateless reads and record streams).
export const CONSUME_SPEC = resolve(__dirname, '../../openapi/gateway-consume.yaml');

const consume = new OpenApiDocument(CONSUME_SPEC);

/** `mediaType` picks the declared content (NDJSON lines are validated one by one). */
export function expectToMatchConsumeSpec(
  res: InjectedResponse,
  method: string,
  path: string,
  mediaType = 'application/json',
): Promise<void> {
  return consume.expectMatch(res, method, path, mediaType);
}
