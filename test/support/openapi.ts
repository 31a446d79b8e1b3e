import { resolve } from 'node:path';
import { InjectedResponse, OpenApiDocument, SpecDocument } from './openapi-document';

export { InjectedResponse };

// A copy of ../shared/reference/confluent-kafka-rest-v3-openapi.yaml (kafka-rest api/v3/openapi.yaml).
export const CONFLUENT_SPEC = resolve(__dirname, '../../openapi/confluent-v3.yaml');

/**
 * Where kafka-rest's real behaviour (asserted by its own integration tests) differs from its
 * spec, we follow the behaviour and validate against the status the spec declares instead.
 */
const SPEC_DEVIATIONS: Record<string, string> = {
  // AclsResourceIntegrationTest asserts 204 for acls:batch; the spec says 201. Neither has a body.
  'POST /clusters/{cluster_id}/acls:batch 204': '201',
};

const confluent = new OpenApiDocument(CONFLUENT_SPEC, {
  genericErrors: true,
  deviations: SPEC_DEVIATIONS,
});

export function loadSpec(): Promise<SpecDocument> {
  return confluent.load();
}

/** Status and body of a response against the Confluent v3 spec (`path` without `/v3`). */
export function expectToMatchSpec(
  res: InjectedResponse,
  method: string,
  path: string,
): Promise<void> {
  return confluent.expectMatch(res, method, path);
}
