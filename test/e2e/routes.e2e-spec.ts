import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceName } from '@gateway/rest';
import { loadSpec } from '../support/openapi';
import { registeredRoutes, Route } from '../support/registered-routes';

/** `/clusters/{cluster_id}/topics` -> `/clusters/:cluster_id/topics` */
function toRouteTemplate(specPath: string): string {
  return specPath.replace(/\{([^}]+)\}/g, ':$1');
}

describe('the route table', () => {
  let app: NestFastifyApplication;
  let routes: Route[];

  beforeAll(async () => {
    ({ app, routes } = await registeredRoutes());
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves every operation of the Confluent v3 spec under /v3 and /kafka/v3', async () => {
    const spec = await loadSpec();
    const expected = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .flatMap((m) =>
          ['/v3', '/kafka/v3'].map(
            (prefix) => `${m.toUpperCase()} ${prefix}${toRouteTemplate(path)}`,
          ),
        ),
    );
    const served = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(expected.filter((operation) => !served.has(operation))).toEqual([]);
  });

  it('gives every Confluent API route a resource name for api.endpoints.allowlist/blocklist', () => {
    const unnamed = routes
      .filter((r) => !['/healthy', '/ready', '/metrics'].includes(r.url))
      .filter((r) => resourceName(r.method, r.url) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(unnamed).toEqual([]);
  });
});
