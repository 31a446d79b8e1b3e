import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';

describe('clusters', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('GET /v3/clusters', () => {
    it('returns the one real cluster with its links', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/v3/clusters',
        headers: { host: 'gw.test:8082' },
      });
      await expectToMatchSpec(res, 'GET', '/clusters');
      const body = res.json<{ data: { cluster_id: string }[] }>();
      expect(body.data).toHaveLength(1);
      const id = body.data[0].cluster_id;
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const base = `http://gw.test:8082/v3/clusters/${id}`;
      expect(body).toEqual({
        kind: 'KafkaClusterList',
        metadata: { self: 'http://gw.test:8082/v3/clusters', next: null },
        data: [
          {
            kind: 'KafkaCluster',
            metadata: { self: base, resource_name: `crn:///kafka=${id}` },
            cluster_id: id,
            controller: {
              related: expect.stringMatching(new RegExp(`^${base}/brokers/\\d+$`)) as unknown,
            },
            acls: { related: `${base}/acls` },
            brokers: { related: `${base}/brokers` },
            broker_configs: { related: `${base}/broker-configs` },
            consumer_groups: { related: `${base}/consumer-groups` },
            topics: { related: `${base}/topics` },
            partition_reassignments: { related: `${base}/topics/-/partitions/-/reassignment` },
          },
        ],
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id', () => {
    it('returns the cluster for its real id', async () => {
      const list = await app.inject({ method: 'GET', url: '/v3/clusters' });
      const id = list.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
      const res = await app.inject({ method: 'GET', url: `/v3/clusters/${id}` });
      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}');
      expect(res.json()).toEqual(list.json<{ data: unknown[] }>().data[0]);
    });

    it('returns 404 with the Jersey body for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/no-such-cluster' });
      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}');
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });
});
