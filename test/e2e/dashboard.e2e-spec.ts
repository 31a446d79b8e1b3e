import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardMetricNames } from '../../scripts/dashboard-queries.mjs';
import { createTestApp } from '../support/create-app';

/** Histogram series (`_bucket`, `_sum`, `_count`) are declared under their base name. */
function declaredName(series: string): string {
  return series.replace(/_(bucket|sum|count)$/, '');
}

describe('the Grafana dashboard', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('queries only metrics that a running gateway exports', async () => {
    await app.inject({ method: 'GET', url: '/v3/clusters' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    const declared = new Set([...res.body.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const queried = dashboardMetricNames();
    expect(queried.length).toBeGreaterThan(10);
    const missing = queried.filter(
      (name) => !declared.has(declaredName(name)) && !declared.has(name),
    );
    expect(missing).toEqual([]);
  });
});
