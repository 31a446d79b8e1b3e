import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';

describe('brokers', () => {
  let app: NestFastifyApplication;
  let clusterId: string;

  beforeAll(async () => {
    app = await createTestApp();
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await app.close();
  });

  function expectedBroker(brokerId: number, port: number): unknown {
    const base = `http://gw:1/v3/clusters/${clusterId}/brokers/${brokerId}`;
    return {
      kind: 'KafkaBroker',
      metadata: { self: base, resource_name: `crn:///kafka=${clusterId}/broker=${brokerId}` },
      cluster_id: clusterId,
      broker_id: brokerId,
      host: '127.0.0.1',
      port,
      // BrokerData.getRack() is an Optional with no @JsonInclude: Jdk8Module writes it null.
      rack: null,
      configs: { related: `${base}/configs` },
      partition_replicas: { related: `${base}/partition-replicas` },
    };
  }

  describe('GET /v3/clusters/:cluster_id/brokers', () => {
    it('lists the real brokers with host and port (no rack configured: null)', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/brokers`,
        headers: { host: 'gw:1' },
      });
      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}/brokers');
      const body = res.json<{ data: { broker_id: number; port: number }[] }>();
      expect(body.data.length).toBeGreaterThanOrEqual(1);
      expect(body).toEqual({
        kind: 'KafkaBrokerList',
        metadata: { self: `http://gw:1/v3/clusters/${clusterId}/brokers`, next: null },
        data: body.data.map((b) => expectedBroker(b.broker_id, b.port)),
      });
      const bootstrapPorts = inject('kafkaBootstrap')
        .split(',')
        .map((server) => Number(server.split(':')[1]));
      expect(body.data.map((b) => b.port)).toEqual(expect.arrayContaining(bootstrapPorts));
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/nope/brokers' });
      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}/brokers');
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/brokers/:broker_id', () => {
    it('returns one broker', async () => {
      const list = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/brokers` });
      const first = list.json<{ data: { broker_id: number; port: number }[] }>().data[0];
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/brokers/${first.broker_id}`,
        headers: { host: 'gw:1' },
      });
      await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}/brokers/{broker_id}');
      expect(res.json()).toEqual(expectedBroker(first.broker_id, first.port));
    });

    it('returns 404 for an unknown, non-numeric or beyond-int broker id', async () => {
      for (const id of ['999', 'abc', '99999999999']) {
        const res = await app.inject({
          method: 'GET',
          url: `/v3/clusters/${clusterId}/brokers/${id}`,
        });
        await expectToMatchSpec(res, 'GET', '/clusters/{cluster_id}/brokers/{broker_id}');
        expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      }
    });
  });
});
